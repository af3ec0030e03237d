import { apiHandler } from '#shared/http/api-handler.ts';
import { notifications } from '#shared/store/notification-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { markNotificationRead } from '#shared/use-cases/reminders/notifications.ts';
import { readNotification } from './routes.ts';

const deps = apiDeps(readNotification.adapters, { notifications });

export const handler = apiHandler(readNotification, ({ actor, params }) =>
  markNotificationRead({ actor, id: params.id }, deps()),
);
