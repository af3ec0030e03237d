import * as z from 'zod';
import { DateSchema } from '#shared/domain/calendar.ts';
import { FindingSchema, SweepSummarySchema } from '#shared/domain/finding.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { PAGING, page } from '../route-parts.ts';

export const runSweep = defineRoute({
  id: 'runSweep',
  method: 'POST',
  path: '/v1/sweeps',
  handler: 'sweeps/run-sweep',
  adapters: {
    calendar: 'read',
    departments: 'read',
    findings: 'write',
    obligations: 'write',
    projects: 'write',
    tasks: 'read',
    workflows: 'repair',
  },
  roles: ['data-bureau', 'admin'],
  summary:
    'Run the compliance sweep now, as of a date (default today in Asia/Shanghai), and repair the reviews a crash stranded',
  body: z.object({ asOf: DateSchema.optional() }).strict().default({}),
  response: SweepSummarySchema,
});

export const listFindings = defineRoute({
  id: 'listFindings',
  method: 'GET',
  path: '/v1/findings',
  handler: 'sweeps/list-findings',
  adapters: { findings: 'read', projects: 'read' },
  roles: ['data-bureau', 'finance', 'audit', 'admin', 'dept-staff', 'dept-head'],
  summary: 'Compliance findings; owners see their own',
  query: z.object({
    status: z.enum(['open', 'resolved']).optional(),
    projectId: z.string().max(64).optional(),
    code: z.string().max(64).optional(),
    ...PAGING,
  }),
  response: page(FindingSchema.extend({ daysLate: z.number().int() })),
});
