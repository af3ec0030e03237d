import { apiHandler } from '#shared/http/api-handler.ts';
import { notifications } from '#shared/store/notification-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listNotifications as list } from '#shared/use-cases/reminders/notifications.ts';
import { listNotifications } from './routes.ts';

const deps = apiDeps(listNotifications.adapters, { notifications });

export const handler = apiHandler(listNotifications, ({ actor, query }) => list({ actor, ...query }, deps()));
