import * as z from 'zod';
import { DateSchema } from '#shared/domain/calendar.ts';
import { defineRoute } from '#shared/http/route.ts';

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
  handler: 'reminders/run-reminders',
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
