import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { ProblemSchema } from './problem.ts';
import type { RouteDefinition } from './route.ts';

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The OpenAPI 3.1 document of every declared route, generated from the same zod schemas the handlers validate with. */
export const buildOpenApiDocument = (routes: readonly RouteDefinition[]) => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  for (const route of routes) {
    const isPublic = route.roles === 'public';
    const headers = route.headers?.length
      ? z.object(Object.fromEntries(route.headers.map((name) => [name, z.string().optional()])))
      : undefined;
    registry.registerPath({
      operationId: route.id,
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      summary: route.summary,
      description: isPublic ? 'Public.' : `Roles: ${route.roles.join(', ')}.`,
      // A public operation says so (security: []), rather than leaving a reader to guess.
      security: isPublic ? [] : [{ bearer: [] }],
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(headers ? { headers } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.status ?? 200]: {
          description: 'Success',
          content: route.produces
            ? { [route.produces]: { schema: { type: 'string', contentMediaType: route.produces } } }
            : { 'application/json': { schema: route.response } },
        },
        ...(route.body || route.params || route.query
          ? { 400: { description: 'VALIDATION', content: problemContent } }
          : {}),
        ...(isPublic
          ? {}
          : {
              401: { description: 'UNAUTHENTICATED', content: problemContent },
              403: { description: 'ART04-ROLE', content: problemContent },
            }),
        // The stage throttles every route, public ones included (infra/constructs/api.ts).
        429: { description: 'Too many requests: the API throttles callers' },
        default: { description: 'Problem details (RFC 9457)', content: problemContent },
      },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Lingchuan government data projects API',
      version: '1.0.0',
      description: '陵川县政务数据项目建设应用管理 — declaration, review, documents and compliance.',
      license: { name: "Proprietary: Lingchuan County People's Government", identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the document is served by the API it describes (the local runtime, or the stack's
    // CloudFront domain where the console and /v1 share one origin).
    servers: [{ url: '/', description: 'The origin that serves this document' }],
  });
};
