import { NotFoundError } from '#shared/domain/errors.ts';
import { audiencesOf, type Notification } from '#shared/domain/reminders.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

export type ReadNotification = Omit<Notification, 'audience' | 'asOf'> & { readonly read: boolean };

const shown = (notification: Notification, read: boolean): ReadNotification => {
  const { audience: _audience, asOf: _asOf, ...rest } = notification;
  return { ...rest, read };
};

/**
 * The caller's notifications, newest morning first: their department's duties if they act for
 * one, each reviewing queue's tasks they hold (the Data Bureau's with waiver proposals), each with
 * whether this person (`sub`) read it.
 */
export const listNotifications = async (
  input: { actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'notifications'>,
): Promise<Page<ReadNotification>> => {
  const page = await deps.notifications.page(audiencesOf(input.actor), input);
  const read =
    page.items.length > 0
      ? await deps.notifications.readBy(
          input.actor.sub,
          page.items.map((n) => n.id),
        )
      : new Set<string>();
  return { items: page.items.map((n) => shown(n, read.has(n.id))), nextCursor: page.nextCursor };
};

/** Marks one of the caller's notifications read by them; another's is answered 404, as one that does not exist. */
export const markNotificationRead = async (
  input: { actor: Actor; id: string },
  deps: Pick<Deps, 'notifications' | 'now'>,
): Promise<ReadNotification> => {
  const notification = await deps.notifications.find(audiencesOf(input.actor), input.id);
  if (!notification) throw new NotFoundError('notification');
  await deps.notifications.markRead(input.actor.sub, notification.id, deps.now().toISOString());
  return shown(notification, true);
};
