import middy from '@middy/core';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { logger } from '#shared/observability/logger.ts';
import { failureLog, requestContext } from '#shared/observability/request-context.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { notifications } from '#shared/store/notification-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { digests } from '#shared/store/reminder-digests.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { reminderDeps } from '#shared/use-cases/deps.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';

const dependencies = reminderDeps(TRIGGER_ADAPTERS.morningReminders, {
  calendar,
  digests,
  notifications,
  obligations,
  records,
  tasks,
});

/**
 * EventBridge Scheduler, every day at 08:00 Asia/Shanghai: the morning's reminders as of that day.
 * The schedule cannot know the county calendar, so the job does: on a weekend or holiday it sends
 * nothing, and on an adjusted working Saturday or Sunday (调休上班日) it runs, which a Monday-to-
 * Friday schedule would have missed.
 */
export const handler = middy<{ asOf?: string } | undefined, unknown>()
  .use(requestContext())
  .use(failureLog())
  .handler(async (event) => {
    const deps = dependencies();
    const asOf = typeof event?.asOf === 'string' ? event.asOf : shanghaiDate(deps.now());
    const summary = await sendReminders({ asOf }, deps);
    logger.info('morning reminders', { ...summary });
    return summary;
  });
