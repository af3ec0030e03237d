import { describe, expect, it } from 'vitest';
import { flattenClaims } from '#infra/local/gateway.ts';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { actorFromClaims } from '#shared/http/actor.ts';
import { toProblem } from '#shared/http/problem.ts';

/** Claims as API Gateway's JWT authorizer hands them over: every value a string, arrays as "[a b]". */
const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'u1',
  name: '张三',
  dept: 'edu',
  roles: '[dept-staff dept-head]',
  exp: '1900000000',
  iat: '1800000000',
  ...overrides,
});

const refusal = (input: Record<string, unknown>) => {
  try {
    actorFromClaims(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return toProblem(error, 'req-1');
  }
  throw new Error('the claims were accepted');
};

describe('claims validated at the edge with the schemas of the data (issue #15 items 1 and 5)', () => {
  it('reads the roles API Gateway flattens to "[a b]", and a genuine array alike', () => {
    expect(actorFromClaims(claims())).toEqual({
      sub: 'u1',
      name: '张三',
      deptId: 'edu',
      roles: ['dept-staff', 'dept-head'],
    });
    expect(actorFromClaims(claims({ dept: undefined, name: undefined, roles: ['audit'], exp: 1900000000 }))).toEqual({
      sub: 'u1',
      name: 'u1',
      deptId: null,
      roles: ['audit'],
    });
    expect(actorFromClaims(claims({ roles: '[]' })).roles).toEqual([]);
  });

  it('reads exactly what the local gateway hands over, as API Gateway flattens it', () => {
    const payload = { sub: 'u3', dept: 'edu', roles: ['dept-head', 'audit'], exp: 1900000000, iss: 'x', aud: ['a'] };
    expect(flattenClaims(payload)).toMatchObject({ roles: '[dept-head audit]', exp: '1900000000' });
    expect(actorFromClaims(flattenClaims(payload)).roles).toEqual(['dept-head', 'audit']);
    expect(refusal(flattenClaims({ ...payload, roles: 'admin' })).violations?.[0]?.path).toBe('claims.roles');
    expect(refusal(flattenClaims({ ...payload, roles: 'admin,audit' })).violations?.[0]?.path).toBe('claims.roles');
  });

  it('refuses a dept claim that is not a department id with 401 naming claims.dept', () => {
    for (const dept of ['EDU', '', 'edu bureau', '../edu', 'e'.repeat(64)]) {
      const problem = refusal(claims({ dept }));
      expect(problem.status).toBe(401);
      expect(problem.code).toBe('UNAUTHENTICATED');
      expect(problem.violations?.map((v) => v.path)).toEqual(['claims.dept']);
    }
  });

  it('refuses a roles claim that is a plain string, even a comma or space list, naming claims.roles', () => {
    for (const roles of ['admin', 'admin,audit', 'admin audit', '']) {
      expect(refusal(claims({ roles })).violations?.[0]?.path, roles).toBe('claims.roles');
    }
    expect(refusal(claims({ roles: undefined })).violations?.[0]?.path).toBe('claims.roles');
  });

  it('refuses an unknown role inside the array instead of ignoring it, naming its position', () => {
    expect(refusal(claims({ roles: '[dept-staff superuser]' })).violations?.map((v) => v.path)).toEqual([
      'claims.roles.1',
    ]);
    expect(refusal(claims({ roles: ['admin', 'Admin'] })).violations?.map((v) => v.path)).toEqual(['claims.roles.1']);
  });

  it('refuses a token without a subject or without an expiry, naming the claim', () => {
    expect(refusal(claims({ sub: undefined })).violations?.map((v) => v.path)).toEqual(['claims.sub']);
    expect(refusal(claims({ sub: '' })).violations?.map((v) => v.path)).toEqual(['claims.sub']);
    expect(refusal(claims({ exp: undefined })).violations?.map((v) => v.path)).toEqual(['claims.exp']);
    expect(refusal(claims({ exp: 'never' })).violations?.map((v) => v.path)).toEqual(['claims.exp']);
    expect(
      refusal({})
        .violations?.map((v) => v.path)
        .sort(),
    ).toEqual(['claims.exp', 'claims.roles', 'claims.sub']);
  });
});
