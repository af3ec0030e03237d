import { describe, expect, it } from 'vitest';
import { call } from './support/client.ts';

describe('GET /v1/health', () => {
  it('answers ok without a token, with security headers', async () => {
    const response = await call('GET', '/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('publishes an OpenAPI 3.1 document naming every route', async () => {
    const { routes } = await import('#functions/api/routes.ts');
    const response = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/v1/openapi.json',
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(
        response.body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
  });
});
