import * as z from 'zod';
import { defineRoute } from '#shared/http/route.ts';

export const HealthSchema = z.object({ status: z.literal('ok') });

export const health = defineRoute({
  id: 'getHealth',
  method: 'GET',
  path: '/v1/health',
  handler: 'meta/health',
  adapters: {},
  roles: 'public',
  summary: 'Liveness',
  response: HealthSchema,
});

export const openApi = defineRoute({
  id: 'getOpenApi',
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'meta/openapi',
  adapters: {},
  roles: 'public',
  summary: 'The OpenAPI 3.1 document of every route',
  response: z.record(z.string(), z.unknown()),
});
