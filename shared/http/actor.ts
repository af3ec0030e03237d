import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { type Actor, ActorSchema } from '#shared/domain/roles.ts';
import { BINDING_CLAIMS, type ClaimNames, claimNamesFromEnv, flattenClaim, parseTokenClaims } from './claims.schema.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The payload of a JWT with its JSON types; undefined when it is not a JSON object. */
const payloadOf = (token: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(Buffer.from(token.split('.')[1] ?? '', 'base64url')));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

// The county's claim names are the stack's parameters, fixed for the life of the function.
let configuredNames: ClaimNames | undefined;
const claimNames = () => {
  configuredNames ??= claimNamesFromEnv(process.env);
  return configuredNames;
};

/**
 * Verified token claims (with their JSON types) → the acting person, the county's claim names
 * mapped onto ours. A claim outside what the data accepts (a department id of another format, a role
 * list that is a string or holds anything but known roles, a subject that is not a string, no
 * expiry) is a 401 naming the claim as the token names it: nothing is built, so nothing is written.
 */
export const actorFromClaims = (payload: Record<string, unknown>, names: ClaimNames = claimNames()): Actor => {
  const parsed = parseTokenClaims(payload, names);
  if (!parsed.success)
    throw new UnauthenticatedError('The token carries a claim this API does not accept.', parsed.issues);
  const { sub, name, dept, roles } = parsed.claims;
  return ActorSchema.parse({ sub, name: name ?? sub, deptId: dept ?? null, roles });
};

type AuthorizedEvent = Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'headers'> & {
  readonly requestContext?: { readonly authorizer?: { readonly jwt?: { readonly claims?: Record<string, unknown> } } };
};

/**
 * The caller of an API route. API Gateway's HTTP API JWT authorizer verifies the token in the
 * Authorization header and hands the function its claims flattened to strings, where a role list
 * `["admin"]` and the string "[admin]" look alike. So the function reads the claims from that same
 * header's token (verified already: its signature is not checked twice), and checks that the
 * registered claims the authorizer passed are this token's.
 */
export const actorOf = (event: AuthorizedEvent, names: ClaimNames = claimNames()): Actor => {
  // The identity source may carry the token alone or prefixed with "Bearer" (API Gateway accepts both).
  const token = /^(?:Bearer\s+)?([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(
    event.headers?.authorization ?? '',
  )?.[1];
  const payload = token === undefined ? undefined : payloadOf(token);
  if (!payload) {
    throw new UnauthenticatedError('A valid bearer token is required.', [
      { path: 'authorization', message: 'a JWT whose payload is a JSON object' },
    ]);
  }
  const verified = event.requestContext?.authorizer?.jwt?.claims ?? {};
  for (const claim of BINDING_CLAIMS) {
    const ours = flattenClaim(payload[claim]);
    // Compared only where API Gateway's rendering is known (ASCII text, digits): how it writes other
    // characters into the flattened claims is not documented for HTTP APIs.
    if (verified[claim] !== undefined && PRINTABLE_ASCII.test(ours) && ours !== String(verified[claim])) {
      throw new UnauthenticatedError('The bearer token is not the one the authorizer verified.', [
        { path: `claims.${claim}`, message: 'differs from the verified claim' },
      ]);
    }
  }
  return actorFromClaims(payload, names);
};
