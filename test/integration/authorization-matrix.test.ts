import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { API_AUDIENCE } from '#infra/local/identity-provider.ts';
import { mintToken } from '#infra/local/issuer.ts';
import { ROLES } from '#shared/domain/roles.ts';
import type { RouteDefinition } from '#shared/http/route.ts';
import { call, runtime, tokenFor } from './support/client.ts';

/** A path with placeholder values that no stored resource has (so an allowed caller meets 404 or 400, never 403). */
const concretePath = (route: RouteDefinition) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'year' ? '2026' : `matrix-${name.toLowerCase()}`));

type Outcome = 'allow' | 'deny';

/** What the system actually does for `role` on `route`: denied means 403 with ART04-ROLE. */
const observe = async (
  route: RouteDefinition,
  token: string | undefined,
): Promise<{ outcome: Outcome; status: number }> => {
  const response = await call(route.method, concretePath(route), {
    ...(token ? { token } : {}),
    ...(route.method === 'GET' ? {} : { body: {} }),
  });
  const denied = response.status === 403 && (response.body as { code?: string }).code === 'ART04-ROLE';
  return { outcome: denied ? 'deny' : 'allow', status: response.status };
};

describe('authorization matrix: every declared route × every role', () => {
  it('allows exactly the declared roles, refuses others with 403 ART04-ROLE, and asks for a token (401)', async () => {
    const observed: Record<string, 'public' | string[]> = {};
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const anonymous = await call(route.method, concretePath(route));
      if (route.roles === 'public') {
        expect(anonymous.status, `${key} without a token`).toBeLessThan(400);
        observed[key] = 'public';
        continue;
      }
      expect(anonymous.status, `${key} without a token`).toBe(401);
      expect((anonymous.body as { code?: string }).code).toBe('UNAUTHENTICATED');

      const allowed: string[] = [];
      for (const role of ROLES) {
        const token = await tokenFor({ roles: [role], dept: 'matrix-dept', sub: `matrix-${role}` });
        const { outcome, status } = await observe(route, token);
        expect(status, `${key} as ${role}`).toBeLessThan(500);
        expect(outcome, `${key} as ${role}`).toBe(route.roles.includes(role) ? 'allow' : 'deny');
        if (outcome === 'allow') allowed.push(role);
      }
      observed[key] = allowed;
    }
    // Changing who may call a route is a decision, not a side effect: it shows up here for review.
    const sorted = Object.fromEntries(Object.entries(observed).sort(([a], [b]) => a.localeCompare(b)));
    await expect(JSON.stringify(sorted, null, 2)).toMatchFileSnapshot('./__snapshots__/authorization-matrix.json');
  });

  it('refuses a token from another issuer, an expired token and a tampered token with 401', async () => {
    const route = routes.find((r) => r.roles !== 'public' && r.method === 'GET');
    if (!route) throw new Error('no protected GET route');
    const good = await tokenFor({ roles: ['admin'], sub: 'matrix-tamper' });
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.roles = ['admin', 'data-bureau'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    const { privateKey } = await generateKeyPair('ES256');
    const otherIssuer = await new SignJWT({ sub: 'intruder', roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://idp.elsewhere.example/')
      .setAudience(API_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const expired = await mintToken(
      runtime().dataDir,
      { sub: 'late', roles: ['admin'] },
      Math.floor(Date.now() / 1000) - 60,
    );
    for (const token of [tampered, otherIssuer, expired, 'not-a-jwt', `${header}.${payload}.`]) {
      const response = await call(route.method, concretePath(route), { token });
      expect(response.status).toBe(401);
    }
  });
});
