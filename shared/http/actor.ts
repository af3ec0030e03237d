import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { type Actor, ROLES, type Role } from '#shared/domain/roles.ts';

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * API Gateway's JWT authorizer hands array claims to the function flattened as "[a b]";
 * a plain array is accepted too (and a comma list, which some identity providers emit).
 */
const listClaim = (value: Claims[string] | undefined): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Verified token claims → the acting person. Unknown roles are ignored: deny by default. */
export const actorFromClaims = (claims: Claims | undefined): Actor => {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError('missing subject');
  const dept = claims?.dept;
  return {
    sub,
    name: typeof claims?.name === 'string' ? claims.name : sub,
    deptId: typeof dept === 'string' && dept !== '' ? dept : null,
    roles: listClaim(claims?.roles).filter(isRole),
  };
};
