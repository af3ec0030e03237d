import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { actorFromClaims, actorOf } from '#shared/http/actor.ts';
import { ClaimNamesSchema, flattenClaims, OUR_CLAIM_NAMES } from '#shared/http/claims.schema.ts';
import { toProblem } from '#shared/http/problem.ts';

/** A verified token's payload, with its JSON types, as the identity provider filled it in. */
const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'u1',
  name: '张三',
  dept: 'edu',
  roles: ['dept-staff', 'dept-head'],
  exp: 1900000000,
  iat: 1800000000,
  ...overrides,
});

/** A county whose provider says `dept_code`, `groups` and `display_name`, and prefixes its roles with `lingchuan-`. */
const county = ClaimNamesSchema.parse({
  dept: 'dept_code',
  roles: 'groups',
  name: 'display_name',
  rolePrefix: 'lingchuan-',
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return toProblem(error, 'req-1');
  }
  throw new Error('the claims were accepted');
};
const refusedPaths = (input: Record<string, unknown>, names = OUR_CLAIM_NAMES) => {
  const problem = refusal(() => actorFromClaims(input, names));
  expect(problem.status).toBe(401);
  expect(problem.code).toBe('UNAUTHENTICATED');
  return problem.violations?.map((v) => v.path);
};

/** An unsigned JWT: the functions read a token API Gateway has verified, so the signature is not theirs to check. */
const jwt = (payload: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(payload), ''].map((part) => Buffer.from(part).toString('base64url')).join('.');
/** The event API Gateway hands over: the token in its header, its claims flattened beside it. */
const eventWith = (payload: Record<string, unknown>, authorization = `Bearer ${jwt(payload)}`) => ({
  headers: { authorization },
  requestContext: { authorizer: { jwt: { claims: flattenClaims(payload) } } },
});

describe('claims exactly what they claim (issue #22 item 2)', () => {
  it('reads sub, name, dept and the roles array into the actor', () => {
    expect(actorFromClaims(claims(), OUR_CLAIM_NAMES)).toEqual({
      sub: 'u1',
      name: '张三',
      deptId: 'edu',
      roles: ['dept-staff', 'dept-head'],
    });
    expect(actorFromClaims(claims({ dept: undefined, name: undefined, roles: ['audit'] }), OUR_CLAIM_NAMES)).toEqual({
      sub: 'u1',
      name: 'u1',
      deptId: null,
      roles: ['audit'],
    });
    expect(actorFromClaims(claims({ roles: [] }), OUR_CLAIM_NAMES).roles).toEqual([]);
  });

  it('refuses roles given as a string (401 naming claims.roles), the flattened "[admin data-bureau]" included', () => {
    for (const roles of ['[admin data-bureau]', '[admin]', 'admin', 'admin,audit', 'admin audit', '']) {
      expect(refusedPaths(claims({ roles })), roles).toEqual(['claims.roles']);
    }
    expect(refusedPaths(claims({ roles: undefined }))).toEqual(['claims.roles']);
  });

  it('refuses roles nested in arrays, roles: [["admin"]] (401 naming claims.roles.0)', () => {
    expect(refusedPaths(claims({ roles: [['admin']] }))).toEqual(['claims.roles.0']);
    expect(refusedPaths(claims({ roles: ['audit', { role: 'admin' }] }))).toEqual(['claims.roles.1']);
  });

  it('refuses sub given as an array or a number (401 naming claims.sub), and no sub at all', () => {
    for (const sub of [['admin'], ['u1', 'u2'], 42, '', undefined]) {
      expect(refusedPaths(claims({ sub })), JSON.stringify(sub)).toEqual(['claims.sub']);
    }
  });

  it('refuses an unknown role inside the array instead of ignoring it, naming its position', () => {
    expect(refusedPaths(claims({ roles: ['dept-staff', 'superuser'] }))).toEqual(['claims.roles.1']);
    expect(refusedPaths(claims({ roles: ['admin', 'Admin'] }))).toEqual(['claims.roles.1']);
  });

  it('refuses a dept claim that is not a department id with 401 naming claims.dept', () => {
    for (const dept of ['EDU', '', 'edu bureau', '../edu', 'e'.repeat(64), ['edu'], 7]) {
      expect(refusedPaths(claims({ dept })), JSON.stringify(dept)).toEqual(['claims.dept']);
    }
  });

  it('refuses no expiry, or an expiry that is not a NumericDate, naming claims.exp', () => {
    for (const exp of [undefined, 'never', '1900000000', 1.5, [1900000000]]) {
      expect(refusedPaths(claims({ exp })), JSON.stringify(exp)).toEqual(['claims.exp']);
    }
    expect(refusedPaths({})?.sort()).toEqual(['claims.exp', 'claims.roles', 'claims.sub']);
  });

  it('refuses a name that is not a string, naming claims.name', () => {
    expect(refusedPaths(claims({ name: ['张三'] }))).toEqual(['claims.name']);
  });
});

describe("a county's claim names mapped onto ours (issue #19 item 5)", () => {
  const theirs = {
    sub: 'zhang.san',
    exp: 1900000000,
    display_name: '张三',
    dept_code: 'edu',
    groups: ['lingchuan-dept-head', 'county-staff', 'lingchuan-audit', 'vpn-users'],
  };

  it('reads dept_code, groups and display_name, takes the lingchuan- groups as roles and ignores the rest', () => {
    expect(actorFromClaims(theirs, county)).toEqual({
      sub: 'zhang.san',
      name: '张三',
      deptId: 'edu',
      roles: ['dept-head', 'audit'],
    });
  });

  it('refuses a token whose roles come under our name where the county maps groups (401 naming claims.groups)', () => {
    const { groups: _groups, ...withoutGroups } = theirs;
    expect(refusedPaths({ ...withoutGroups, roles: ['admin'] }, county)).toEqual(['claims.groups']);
  });

  it('does not read our own claim names when the county maps others (dept is not dept_code)', () => {
    const actor = actorFromClaims(
      { ...theirs, dept_code: undefined, display_name: undefined, dept: 'finance', name: 'x' },
      county,
    );
    expect(actor.deptId).toBeNull();
    expect(actor.name).toBe('zhang.san');
  });

  it('refuses mistyped mapped claims by their names: groups as a string, dept_code outside the format', () => {
    expect(refusedPaths({ ...theirs, groups: '[lingchuan-admin]' }, county)).toEqual(['claims.groups']);
    expect(refusedPaths({ ...theirs, groups: [['lingchuan-admin']] }, county)).toEqual(['claims.groups.0']);
    expect(refusedPaths({ ...theirs, dept_code: 'EDU-01' }, county)).toEqual(['claims.dept_code']);
    expect(refusedPaths({ ...theirs, display_name: 12 }, county)).toEqual(['claims.display_name']);
  });

  it('refuses an unknown role behind the prefix (claims.groups.N) rather than ignoring it', () => {
    expect(refusedPaths({ ...theirs, groups: ['vpn-users', 'lingchuan-superuser'] }, county)).toEqual([
      'claims.groups.1',
    ]);
  });

  it('reads a namespaced claim name, as providers that prefix their custom claims with a URL name them', () => {
    const namespaced = ClaimNamesSchema.parse({ roles: 'https://idp.lingchuan.gov.cn/roles' });
    expect(
      actorFromClaims({ ...claims(), roles: undefined, 'https://idp.lingchuan.gov.cn/roles': ['audit'] }, namespaced)
        .roles,
    ).toEqual(['audit']);
  });

  it('refuses a mapping onto a registered claim or two of ours onto one claim', () => {
    expect(ClaimNamesSchema.safeParse({ roles: 'sub' }).success).toBe(false);
    expect(ClaimNamesSchema.safeParse({ dept: 'groups', roles: 'groups' }).success).toBe(false);
    expect(ClaimNamesSchema.safeParse({ rolePrefix: 'a b' }).success).toBe(false);
  });
});

describe('the actor of an API Gateway event: the verified token, read with its JSON types', () => {
  it('reads the token in the Authorization header, with or without "Bearer"', () => {
    const payload = claims({ roles: ['admin'] });
    expect(actorOf(eventWith(payload), OUR_CLAIM_NAMES).roles).toEqual(['admin']);
    expect(actorOf(eventWith(payload, jwt(payload)), OUR_CLAIM_NAMES).roles).toEqual(['admin']);
  });

  it('refuses roles: "[admin data-bureau]" though the authorizer flattens it like the array (401 naming claims.roles)', () => {
    const asString = eventWith(claims({ roles: '[admin data-bureau]' }));
    const asArray = eventWith(claims({ roles: ['admin', 'data-bureau'] }));
    expect(asString.requestContext.authorizer.jwt.claims.roles).toBe(
      asArray.requestContext.authorizer.jwt.claims.roles,
    );
    expect(actorOf(asArray, OUR_CLAIM_NAMES).roles).toEqual(['admin', 'data-bureau']);
    expect(refusal(() => actorOf(asString, OUR_CLAIM_NAMES)).violations?.map((v) => v.path)).toEqual(['claims.roles']);
  });

  it('refuses sub as an array though flattened it reads "[u1]" (401 naming claims.sub)', () => {
    expect(refusal(() => actorOf(eventWith(claims({ sub: ['u1'] })), OUR_CLAIM_NAMES)).violations?.[0]?.path).toBe(
      'claims.sub',
    );
  });

  it('refuses a header token that is not the one the authorizer verified (401 naming claims.sub)', () => {
    const verified = eventWith(claims({ sub: 'u1' }));
    const swapped = { ...verified, headers: { authorization: `Bearer ${jwt(claims({ sub: 'someone-else' }))}` } };
    expect(refusal(() => actorOf(swapped, OUR_CLAIM_NAMES)).violations?.map((v) => v.path)).toEqual(['claims.sub']);
  });

  it('reads a subject with Chinese characters, whose flattened rendering by API Gateway is not documented', () => {
    const payload = claims({ sub: '县数据局-王审查' });
    const event = eventWith(payload);
    event.requestContext.authorizer.jwt.claims.sub = '\\u53bf\\u6570\\u636e\\u5c40-\\u738b\\u5ba1\\u67e5';
    expect(actorOf(event, OUR_CLAIM_NAMES).sub).toBe('县数据局-王审查');
  });

  it('refuses a missing or undecodable token (401 naming authorization)', () => {
    for (const authorization of [
      '',
      'Bearer',
      'Bearer a.b.c',
      `Bearer ${Buffer.from('[1]').toString('base64url')}.x.y`,
    ]) {
      const event = { headers: { authorization }, requestContext: {} };
      expect(refusal(() => actorOf(event, OUR_CLAIM_NAMES)).violations?.[0]?.path, authorization).toBe('authorization');
    }
  });
});
