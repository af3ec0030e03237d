import { describe, expect, it } from 'vitest';
import { claimsOf } from '../../console/src/auth/session.ts';

const jwt = (payload: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(payload), ''].map((part) => Buffer.from(part).toString('base64url')).join('.');

describe("the console reads a county's claim names as the API does (issue #19 item 5)", () => {
  it('reads our claims by default', () => {
    expect(claimsOf(jwt({ sub: 'u', name: '张三', dept: 'edu', roles: ['dept-staff'], exp: 1 }))).toEqual({
      sub: 'u',
      name: '张三',
      dept: 'edu',
      roles: ['dept-staff'],
      exp: 1,
    });
  });

  it("maps dept_code, display_name and the lingchuan- groups, ignoring the county's other groups", () => {
    const names = { dept: 'dept_code', roles: 'groups', name: 'display_name', rolePrefix: 'lingchuan-' };
    const token = jwt({ sub: 'u', display_name: '李局长', dept_code: 'edu', groups: ['vpn', 'lingchuan-dept-head'] });
    expect(claimsOf(token, names)).toEqual({ sub: 'u', name: '李局长', dept: 'edu', roles: ['dept-head'] });
  });

  it('shows no role for a role list given as a string, which the API refuses', () => {
    expect(claimsOf(jwt({ sub: 'u', roles: '[admin data-bureau]' })).roles).toEqual([]);
  });
});
