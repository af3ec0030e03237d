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

/** What a morning of reminders sent. */
export const ReminderSummarySchema = z.object({
  asOf: DateSchema,
  workingDay: z.boolean().describe('False on a weekend or holiday of the county calendar: nothing was read or sent'),
  departments: z.number().int().describe('Digests sent to departments (one each, whatever the number of duties)'),
  roles: z.number().int().describe("Digests sent to reviewing roles' queues"),
  duties: z.number().int().describe('Duties announced: entering the window, or late'),
  tasks: z.number().int().describe('Review tasks announced entering the window'),
  waivers: z.number().int().describe('Waiver proposals announced to the Data Bureau, awaiting a second officer'),
  read: z
    .number()
    .int()
    .describe('Items read from the store: the window of the due index and the queues, and the waiver list'),
});

export const runReminders = defineRoute({
  id: 'runReminders',
  method: 'POST',
  path: '/v1/reminders',
  handler: 'sweeps/run-reminders',
  adapters: {
    calendar: 'read',
    digests: 'publish',
    notifications: 'write',
    obligations: 'read',
    records: 'read',
    tasks: 'read',
  },
  roles: ['data-bureau', 'admin'],
  summary:
    "Run the morning's reminders now, as of a date (default today in Asia/Shanghai): each duty entering the window of the policy's reminderWorkingDays or become late, each review task entering it and each waiver proposal awaiting a second officer is announced once, one digest per department or role. A rerun of the same morning sends nothing twice; a non-working day sends nothing",
  body: z.object({ asOf: DateSchema.optional() }).strict().default({}),
  response: ReminderSummarySchema,
});
