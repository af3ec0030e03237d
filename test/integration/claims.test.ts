import { describe, expect, it } from 'vitest';
import { signClaims } from '#infra/local/issuer.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { projectBody } from './support/scenario.ts';

type Problem = { status: number; code: string; violations?: { code: string; path?: string }[] };

/** A token the local issuer signs, as a careless identity provider might fill it in. */
const token = (payload: Record<string, unknown>, expiresIn: string | null = '1h') =>
  signClaims(runtime().dataDir, payload, expiresIn);

const refusedPaths = (response: { status: number; body: Problem }) => ({
  status: response.status,
  code: response.body.code,
  paths: response.body.violations?.map((v) => v.path),
});

describe('tokens no looser than the contract (issue #15 items 1 and 5)', () => {
  it('refuses a dept claim outside the department-id format with 401 naming claims.dept, and writes nothing', async () => {
    const edu = await token({ sub: 'claims-edu', name: '教育局', dept: 'EDU', roles: ['dept-staff'] });
    const created = await call<Problem>('POST', '/v1/projects', { token: edu, body: projectBody() });
    expect(refusedPaths(created)).toEqual({ status: 401, code: 'UNAUTHENTICATED', paths: ['claims.dept'] });
    const admin = await tokenFor({ roles: ['admin'], sub: 'claims-admin' });
    expect((await call('GET', '/v1/projects?limit=200', { token: admin })).status).toBe(200);
  });

  it('refuses roles given as a plain string ("admin", "admin,audit") and an unknown role in the array', async () => {
    for (const roles of ['admin', 'admin,audit', ['admin', 'superuser']]) {
      const response = await call<Problem>('GET', '/v1/departments', {
        token: await token({ sub: 'claims-r', roles }),
      });
      expect(response.status, JSON.stringify(roles)).toBe(401);
      expect(response.body.violations?.[0]?.path).toMatch(/^claims\.roles/);
    }
  });

  it('refuses a token without exp at the gateway (401 naming claims.exp), which would otherwise never expire', async () => {
    const forever = await token({ sub: 'claims-forever', roles: ['admin'] }, null);
    const response = await call<Problem>('GET', '/v1/departments', { token: forever });
    expect(refusedPaths(response)).toEqual({ status: 401, code: 'UNAUTHENTICATED', paths: ['claims.exp'] });
  });

  it('refuses a token without a subject (401 naming claims.sub)', async () => {
    const anonymous = await token({ roles: ['admin'] });
    expect(refusedPaths(await call<Problem>('GET', '/v1/departments', { token: anonymous }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      paths: ['claims.sub'],
    });
  });
});
