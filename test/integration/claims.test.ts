import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, readProviderSettings, signClaims } from '#infra/local/issuer.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { signInWithCodeFlow } from './support/code-flow.ts';
import { projectBody } from './support/scenario.ts';
import {
  removeDataDir,
  type SeparateRuntime,
  separateDataDir,
  startSeparate,
  stopSeparate,
} from './support/separate-runtime.ts';

type Problem = { status: number; code: string; violations?: { code: string; path?: string }[] };

/** A token signed with the local provider's key, as a careless identity provider might fill it in. */
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

const department = { name: '声明测试局', dataManagementUnit: { name: '信息股', contact: '0356-6200009' } };

describe('claims exactly what they claim (issue #22 item 2)', () => {
  it('refuses roles given as a string "[admin data-bureau]" (401 naming claims.roles), and writes nothing', async () => {
    const pretender = await token({ sub: 'claims-string-roles', roles: '[admin data-bureau]' });
    const put = await call<Problem>('PUT', '/v1/departments/claims-string-roles', {
      token: pretender,
      body: department,
    });
    expect(refusedPaths(put)).toEqual({ status: 401, code: 'UNAUTHENTICATED', paths: ['claims.roles'] });
    const admin = await tokenFor({ roles: ['admin'], sub: 'claims-admin' });
    const listed = await call<{ items: { id: string }[] }>('GET', '/v1/departments?limit=200', { token: admin });
    expect(listed.body.items.map((d) => d.id)).not.toContain('claims-string-roles');
  });

  it('refuses sub given as an array (401 naming claims.sub)', async () => {
    const many = await token({ sub: ['claims-a', 'claims-b'], roles: ['admin'] });
    expect(refusedPaths(await call<Problem>('GET', '/v1/departments', { token: many }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      paths: ['claims.sub'],
    });
  });

  it('refuses roles nested in an array, roles: [["admin"]] (401 naming claims.roles.0)', async () => {
    const nested = await token({ sub: 'claims-nested', roles: [['admin']] });
    expect(refusedPaths(await call<Problem>('GET', '/v1/departments', { token: nested }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      paths: ['claims.roles.0'],
    });
  });
});

describe('tokens from the local OpenID provider, as the deployed authorizer accepts them (issue #19 item 5)', () => {
  it('signs in through the authorization code flow with PKCE: an RS256 access token for the API audience that the API accepts', async () => {
    const { accessToken, visited } = await signInWithCodeFlow(runtime().url, { preset: '2' });
    expect(visited.some((url) => url.includes('/oidc/interaction/'))).toBe(true);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const settings = readProviderSettings(runtime().dataDir);
    expect(decodeJwt(accessToken)).toMatchObject({
      iss: settings.issuer,
      aud: settings.audience,
      sub: 'data-bureau-data-bureau-王审查',
      roles: ['data-bureau'],
      dept: 'data-bureau',
    });
    expect((await call('GET', '/v1/departments', { token: accessToken })).status).toBe(200);
  });

  it('refuses an authorization request without a PKCE challenge, or with the plain method (invalid_request at the callback)', async () => {
    const { issuer, clientId } = readProviderSettings(runtime().dataDir);
    const attempts: Record<string, string>[] = [{}, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }];
    for (const pkce of attempts) {
      const authorize = new URL(`${issuer}/auth`);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: `${runtime().url}/callback`,
        scope: 'openid profile',
        state: 'pkce',
        ...pkce,
      }).toString();
      const response = await fetch(authorize, { redirect: 'manual' });
      const callback = new URL(response.headers.get('location') ?? '', runtime().url);
      expect(callback.pathname).toBe('/callback');
      expect(callback.searchParams.get('error'), JSON.stringify(pkce)).toBe('invalid_request');
      expect(callback.searchParams.get('error_description')).toMatch(/PKCE|code_challenge/);
    }
  });

  it('refuses an ES256 token and an RS256 token of another key, though issuer and audience are right (401)', async () => {
    const { issuer, audience } = readProviderSettings(runtime().dataDir);
    const claims = { sub: 'claims-forger', roles: ['admin'] };
    const forge = async (alg: 'ES256' | 'RS256') => {
      const { privateKey } = await generateKeyPair(alg);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, kid: (await loadOrCreateSigningKey(runtime().dataDir)).kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(privateKey);
    };
    for (const alg of ['ES256', 'RS256'] as const) {
      const response = await call('GET', '/v1/departments', { token: await forge(alg) });
      expect(response.status, alg).toBe(401);
    }
  });
});

/** A county whose provider says dept_code, groups and display_name, and marks its roles with lingchuan-. */
const COUNTY_CLAIMS = {
  LINGCHUAN_CLAIM_DEPT: 'dept_code',
  LINGCHUAN_CLAIM_ROLES: 'groups',
  LINGCHUAN_CLAIM_NAME: 'display_name',
  LINGCHUAN_CLAIM_ROLE_PREFIX: 'lingchuan-',
};

describe("a county's identity provider that names its claims its own way (issue #19 item 5)", () => {
  let county: SeparateRuntime;
  const at = async (method: string, path: string, bearer: string, body?: unknown) => {
    const response = await fetch(`${county.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Problem & Record<string, unknown> };
  };
  const paths = (response: { body: Problem }) => response.body.violations?.map((v) => v.path);

  beforeAll(async () => {
    county = await startSeparate(separateDataDir('claims-county'), COUNTY_CLAIMS);
  });
  afterAll(async () => {
    if (!county) return;
    await stopSeparate(county.child);
    removeDataDir(county.dataDir);
  });

  it('issues dept_code, groups with the prefix and display_name, and the API maps them onto ours', async () => {
    const { accessToken } = await signInWithCodeFlow(county.url, { preset: '0' });
    expect(decodeJwt(accessToken)).toMatchObject({
      dept_code: 'edu',
      groups: ['lingchuan-dept-staff'],
      display_name: '张三',
    });
    expect(decodeJwt(accessToken)).not.toHaveProperty('roles');
    const created = await at('POST', '/v1/projects', accessToken, projectBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ownerDeptId: 'edu' });
  });

  it('refuses a token that carries roles under our name where the county maps groups (401 naming claims.groups)', async () => {
    const ours = await signClaims(county.dataDir, { sub: 'county-ours', roles: ['admin'], dept: 'edu' });
    expect(paths(await at('GET', '/v1/departments', ours))).toEqual(['claims.groups']);
  });

  it('refuses mistyped mapped claims, naming them: groups as a string, groups nested, dept_code outside the format', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ groups: '[lingchuan-admin]' }, 'claims.groups'],
      [{ groups: [['lingchuan-admin']] }, 'claims.groups.0'],
      [{ groups: ['lingchuan-superuser'] }, 'claims.groups.0'],
      [{ groups: ['lingchuan-dept-staff'], dept_code: 'EDU' }, 'claims.dept_code'],
    ];
    for (const [claims, path] of cases) {
      const response = await at(
        'GET',
        '/v1/departments',
        await signClaims(county.dataDir, { sub: 'county-x', ...claims }),
      );
      expect({ status: response.status, paths: paths(response) }, JSON.stringify(claims)).toEqual({
        status: 401,
        paths: [path],
      });
    }
  });
});
