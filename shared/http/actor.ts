import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { type Actor, ActorSchema, RoleSchema } from '#shared/domain/roles.ts';

/**
 * API Gateway's HTTP API JWT authorizer hands every claim to the function as a string: a number as
 * its digits, a string as itself, an array flattened to "[a b]" (its items space-separated inside
 * brackets). So `roles: ["admin", "audit"]` arrives as "[admin audit]" and `roles: "admin"` as
 * "admin": the brackets are all that is left of the array, and a plain string is refused. A genuine
 * array (a direct invocation, a test) is accepted as it is. The local gateway flattens alike.
 */
const ArrayClaimSchema = z.union([
  z.array(z.string()),
  z
    .string()
    .regex(/^\[[^\]]*\]$/, 'an array claim (API Gateway passes it as "[a b]"), not a plain string')
    .transform((value) => value.slice(1, -1).split(' ').filter(Boolean)),
]);

/** The claims this API reads, checked with the same schemas as the data they become. */
const ClaimsSchema = z.object({
  sub: ActorSchema.shape.sub,
  name: z.string().optional(),
  dept: DeptIdSchema.optional(),
  roles: ArrayClaimSchema.pipe(z.array(RoleSchema)),
  // A token that never expires is refused here too, whatever the authorizer in front did with it.
  exp: z.union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]*$/, 'seconds since the epoch')]),
});

/**
 * Verified token claims → the acting person. A claim outside what the data accepts (a department
 * id of another format, a role list that is a plain string or names an unknown role, no subject, no
 * expiry) is a 401 naming the claim: nothing is built, and so nothing is written, from it.
 */
export const actorFromClaims = (claims: Record<string, unknown> | undefined): Actor => {
  const parsed = ClaimsSchema.safeParse(claims ?? {});
  if (!parsed.success) {
    throw new UnauthenticatedError(
      'The token carries a claim this API does not accept.',
      parsed.error.issues.map((issue) => ({
        path: ['claims', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  const { sub, name, dept, roles } = parsed.data;
  return ActorSchema.parse({ sub, name: name ?? sub, deptId: dept ?? null, roles });
};
