import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { ActorSchema, RoleSchema } from '#shared/domain/roles.ts';

/**
 * The one place the claims of a token are defined: what an authorizer checks before any function
 * runs (the local gateway, standing in for API Gateway's JWT authorizer) and what the functions
 * read (shared/http/actor.ts). Claims are read with their JSON types from the verified token itself:
 * a role list given as the string "[admin data-bureau]", a subject given as an array, a role list of
 * arrays is each refused, never coerced.
 */

/** Claim names the token carries whatever the identity provider (RFC 7519's registered claims). */
const REGISTERED = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;

/**
 * A claim name a county's identity provider may use for one of ours: top-level (API Gateway passes
 * top-level claims only), printable, a namespaced one included (`https://idp.example/roles`), not a
 * registered one.
 */
const ClaimNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.:/-]{0,127}$/, 'a top-level claim name (letters, digits, _ . : / -)')
  .refine(
    (name) => !(REGISTERED as readonly string[]).includes(name),
    'a registered claim (sub, exp, …) cannot carry ours',
  );

/**
 * How a county's identity provider names what this API reads (stack parameters, "as ours" by
 * default): its department claim (`dept_code`), its role list (`groups`), its display name, and
 * the prefix that marks its groups that are roles here (`lingchuan-`; other groups are ignored).
 */
export const ClaimNamesSchema = z
  .object({
    dept: ClaimNameSchema.default('dept'),
    roles: ClaimNameSchema.default('roles'),
    name: ClaimNameSchema.default('name'),
    rolePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.:/-]{0,64}$/, 'letters, digits and _ . : / - only')
      .default(''),
  })
  .refine(({ dept, roles, name }) => new Set([dept, roles, name]).size === 3, 'dept, roles and name are three claims');
export type ClaimNames = z.infer<typeof ClaimNamesSchema>;

export const OUR_CLAIM_NAMES: ClaimNames = ClaimNamesSchema.parse({});

/** The mapping from the API functions' environment (typed in shared/config/env.ts, set from the stack's parameters). */
export const claimNamesFromEnv = (
  env: Partial<Record<'CLAIM_DEPT' | 'CLAIM_ROLES' | 'CLAIM_NAME' | 'CLAIM_ROLE_PREFIX', string>>,
): ClaimNames =>
  ClaimNamesSchema.parse({
    dept: env.CLAIM_DEPT,
    roles: env.CLAIM_ROLES,
    name: env.CLAIM_NAME,
    rolePrefix: env.CLAIM_ROLE_PREFIX ?? '',
  });

/** NumericDate (RFC 7519 § 2): seconds since the epoch, a JSON number. */
const NumericDateSchema = z.number().int().positive();

/**
 * What an authorizer checks of the claims before any function runs. A token without `exp` would
 * never expire: AWS documents only that `exp` must be in the future, so it is refused at the local
 * gateway and again by the functions (the schema below includes this one).
 */
export const RegisteredClaimsSchema = z.object({ exp: NumericDateSchema });

/**
 * A role list as the county's provider fills it: an array of strings. With a prefix, the items
 * carrying it are ours (the prefix stripped, then a known role or refused); the county's other
 * groups are not ours to read. Without one, every item must be a role.
 */
const rolesClaim = (prefix: string) =>
  z
    .array(
      z
        .string()
        .max(200)
        .transform((item) => (item.startsWith(prefix) ? item.slice(prefix.length) : null))
        .pipe(RoleSchema.nullable()),
    )
    .max(200)
    .transform((items) => items.filter((role) => role !== null));

/** The claims this API reads, under our names, with the schemas of the data they become. */
const claimsSchema = (prefix: string) =>
  RegisteredClaimsSchema.extend({
    sub: ActorSchema.shape.sub.max(255),
    name: z.string().max(200).optional(),
    dept: DeptIdSchema.optional(),
    roles: rolesClaim(prefix),
  });

export type TokenClaims = z.infer<ReturnType<typeof claimsSchema>>;

export interface ClaimIssue {
  /** `claims.<the name in the token>`, e.g. `claims.groups.1`. */
  readonly path: string;
  readonly message: string;
}

/**
 * A verified token's payload → our claims, or the issues naming each refused claim by the name the
 * token gives it (so a county's administrator reads `claims.groups`, not our `roles`).
 */
export const parseTokenClaims = (
  payload: Record<string, unknown>,
  names: ClaimNames = OUR_CLAIM_NAMES,
): { success: true; claims: TokenClaims } | { success: false; issues: ClaimIssue[] } => {
  const theirs: Record<string, string> = { dept: names.dept, roles: names.roles, name: names.name };
  const parsed = claimsSchema(names.rolePrefix).safeParse({
    sub: payload.sub,
    exp: payload.exp,
    name: payload[names.name],
    dept: payload[names.dept],
    roles: payload[names.roles],
  });
  if (parsed.success) return { success: true, claims: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => {
      const [first, ...rest] = issue.path.map(String);
      const name = first === undefined ? '' : (theirs[first] ?? first);
      return { path: ['claims', name, ...rest].filter(Boolean).join('.'), message: issue.message };
    }),
  };
};

/**
 * How API Gateway's HTTP API JWT authorizer hands a claim to the function: a string as itself, a
 * number as its digits, an array flattened to "[a b]". That flattening is why the functions read
 * the token rather than these values; the local gateway builds the event's claims with it, and the
 * functions use it to check that the token they read is the one the authorizer verified.
 */
export const flattenClaim = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.join(' ')}]`
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);

export const flattenClaims = (payload: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, flattenClaim(value)]));

/** Claims both the authorizer's view and the token must agree on, when the authorizer passes them. */
export const BINDING_CLAIMS = ['iss', 'sub', 'exp', 'iat', 'jti'] as const;
