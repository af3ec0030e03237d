import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { resourceFunction } from '#shared/http/resource-function.ts';
import { unionOfAdapters } from '#shared/use-cases/adapters.ts';

const event = (routeKey: string) => ({ routeKey }) as APIGatewayProxyEventV2WithJWTAuthorizer;
const context = {} as Context;

describe('one function per resource folder (issue #19)', () => {
  it("dispatches on API Gateway's route key to the route's own handler", async () => {
    const fn = resourceFunction({
      'GET /v1/projects': { handler: async () => ({ statusCode: 200, body: 'list' }) },
      'POST /v1/projects/{id}/submit': { handler: async () => ({ statusCode: 202, body: 'submit' }) },
    });
    await expect(fn(event('POST /v1/projects/{id}/submit'), context)).resolves.toEqual({
      statusCode: 202,
      body: 'submit',
    });
    await expect(fn(event('GET /v1/projects'), context)).resolves.toMatchObject({ body: 'list' });
    expect(() => fn(event('DELETE /v1/projects'), context)).toThrow('No route DELETE /v1/projects');
  });

  it('stops the cold start when a declared route’s module exports no handler', () => {
    expect(() => resourceFunction({ 'GET /v1/projects': {} })).toThrow('GET /v1/projects exports no handler');
  });

  it('grants a function the union of its routes’ adapters: a write includes the reads', () => {
    expect(
      unionOfAdapters([
        { projects: 'read', documents: 'read' },
        { projects: 'write', workflows: 'start' },
        { objects: 'presign' },
      ]),
    ).toEqual({ projects: 'write', documents: 'read', workflows: 'start', objects: 'presign' });
  });

  it('refuses to merge starting workflows with answering their steps, rather than grant one silently', () => {
    expect(() => unionOfAdapters([{ workflows: 'start' }, { workflows: 'answer' }])).toThrow(
      'workflows both to start and to answer',
    );
  });
});
