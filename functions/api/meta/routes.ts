import * as z from 'zod';
import { PolicySchema } from '#shared/domain/policy.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE } from '../route-parts.ts';

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

export const getPolicy = defineRoute({
  id: 'getPolicy',
  method: 'GET',
  path: '/v1/policy',
  handler: 'meta/get-policy',
  adapters: {},
  roles: ANY_ROLE,
  summary:
    'The policy settings in force (thresholds and periods), which of them are policy choices and the article that leaves each open (confirmationWorkingDays: article 4), and the validity window of the measures (ART35)',
  response: PolicySchema.extend({
    measures: z.object({
      inForce: z.string(),
      expires: z.string().describe('The last day the measures are in force'),
      daysLeft: z.number().int().describe('Negative once they have expired'),
    }),
    choices: z
      .array(z.object({ setting: z.string(), article: z.number().int(), why: z.string(), whyZh: z.string() }))
      .describe('The settings the measures leave open, each with the article that does (a policy choice, not a rule)'),
  }),
});
