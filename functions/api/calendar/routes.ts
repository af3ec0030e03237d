import * as z from 'zod';
import { CalendarYearSchema, DateSchema } from '#shared/domain/calendar.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, decimalInteger } from '../route-parts.ts';

export const getCalendarYear = defineRoute({
  id: 'getCalendarYear',
  method: 'GET',
  path: '/v1/calendar/{year}',
  handler: 'calendar/get-calendar-year',
  adapters: { calendar: 'read' },
  roles: ANY_ROLE,
  summary: "A year's statutory holidays and make-up working days",
  params: z.object({ year: decimalInteger(2000, 2100) }),
  response: CalendarYearSchema,
});

export const putCalendarYear = defineRoute({
  id: 'putCalendarYear',
  method: 'PUT',
  path: '/v1/calendar/{year}',
  handler: 'calendar/put-calendar-year',
  adapters: { calendar: 'write', obligations: 'write', projects: 'write' },
  roles: ['admin'],
  summary: "Replace a year's holidays and make-up working days; provisional due dates are counted again",
  params: z.object({ year: decimalInteger(2000, 2100) }),
  body: z.object({ holidays: z.array(DateSchema).max(60), workdays: z.array(DateSchema).max(30) }).strict(),
  response: CalendarYearSchema.extend({ recounted: z.number().int() }),
});

export const countWorkingDays = defineRoute({
  id: 'countWorkingDays',
  method: 'GET',
  path: '/v1/calendar/working-days',
  handler: 'calendar/count-working-days',
  adapters: { calendar: 'read' },
  roles: ANY_ROLE,
  summary: 'The N-th working day after a date (provisional when it runs into a year with no calendar)',
  query: z.object({ from: DateSchema, add: decimalInteger(0, 1000) }),
  response: z.object({ from: z.string(), add: z.number(), due: z.string(), provisional: z.boolean() }),
});
