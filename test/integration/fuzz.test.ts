import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import type { RouteDefinition } from '#shared/http/route.ts';
import { call, tokenFor } from './support/client.ts';

const pathValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('0', '-1', '2026', '99999999999999999999', 'LC-2026-0001', '..', '%', '\u0000', '项目'),
);

const rawBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[]', 'null', '{"name":', '{"totalInvestmentFen":1e309}', '{"__proto__":{"x":1}}'),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })).map((value) => JSON.stringify(value)),
);

const headers = fc.record(
  {
    'if-match': fc.oneof(fc.string({ maxLength: 20 }), fc.nat().map(String)),
    'idempotency-key': fc.string({ maxLength: 80 }),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', ''),
  },
  { requiredKeys: [] },
);

const fill = (route: RouteDefinition, values: string[]) => {
  let i = 0;
  return route.path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? 'x'));
};

/**
 * Random and malformed input at every declared route, as someone the route admits: the answer
 * is never a 5xx, and every refusal is a problem+json body with a code.
 */
describe('fuzz: malformed bodies, headers and path parameters at every route', () => {
  it('never answers 5xx and always refuses with problem+json', async () => {
    const admitted = async (route: RouteDefinition) =>
      route.roles === 'public' ? undefined : tokenFor({ roles: [...route.roles], dept: 'fuzz-dept', sub: 'fuzz' });

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        rawBody,
        headers,
        fc.boolean(),
        async (route, values, body, extraHeaders, withToken) => {
          const token = withToken ? await admitted(route) : undefined;
          const response = await call(route.method, fill(route, values), {
            ...(token ? { token } : {}),
            headers: extraHeaders,
            ...(route.method === 'GET' ? {} : { rawBody: body }),
          });
          expect(response.status, `${route.method} ${route.path}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            expect(typeof (response.body as { code?: unknown }).code).toBe('string');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
