import * as z from 'zod';
import { NotificationSchema } from '#shared/domain/reminders.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, PAGING, page, REVIEWER_ROLES } from '../route-parts.ts';

const NotificationItemSchema = NotificationSchema.omit({ audience: true, asOf: true }).extend({
  read: z.boolean().describe("Whether the caller (the token's `sub`) has read it"),
});

export const listNotifications = defineRoute({
  id: 'listNotifications',
  method: 'GET',
  path: '/v1/notifications',
  handler: 'notifications/list-notifications',
  adapters: { notifications: 'read' },
  roles: ANY_ROLE,
  summary:
    "The caller's notifications, newest morning first: their department's duties entering the reminder window or late (department roles), their queues' review tasks entering it (reviewers), waiver proposals awaiting a second officer (data-bureau); `read` is the caller's own",
  query: z.object({ ...PAGING }),
  response: page(NotificationItemSchema),
});

export const readNotification = defineRoute({
  id: 'readNotification',
  method: 'POST',
  path: '/v1/notifications/{id}/read',
  handler: 'notifications/read-notification',
  adapters: { notifications: 'write' },
  // Whoever may hear of anything: a department's people and the reviewing bodies (the Data Bureau among them).
  roles: [...OWNER_ROLES, ...REVIEWER_ROLES],
  summary: "Mark one of the caller's notifications read, for the caller only (another's is 404)",
  params: z.object({ id: z.string().min(1).max(64) }),
  response: NotificationItemSchema,
});
