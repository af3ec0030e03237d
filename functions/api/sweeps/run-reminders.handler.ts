import { shanghaiDate } from '#shared/domain/calendar.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { notifications } from '#shared/store/notification-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { digests } from '#shared/store/reminder-digests.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';
import { runReminders } from './routes.ts';

const deps = apiDeps(runReminders.adapters, { calendar, digests, notifications, obligations, records, tasks });

export const handler = apiHandler(runReminders, ({ body }) =>
  sendReminders({ asOf: body.asOf ?? shanghaiDate(deps().now()) }, deps()),
);
