import { useEffect } from 'preact/hooks';
import { api, type Page } from '../api/client.ts';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';

/** A notification as GET /v1/notifications lists it (`read` is the signed-in person's own). */
export interface NotificationView {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly projectId: string;
  readonly code: string;
  readonly dueDate: string;
  readonly key: string | null;
  readonly taskId: string | null;
  readonly read: boolean;
}

/** Fired when someone reads a notification, so the bell counts again. */
export const NOTIFICATIONS_CHANGED = 'lingchuan:notifications-changed';
export const notificationsChanged = () => dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

/** The newest page is what the bell counts: past it, the count reads "200+". */
const COUNTED = 200;

/** The header's bell: how many of the person's notifications they have not read, and the way to them. */
export const NotificationBell = () => {
  const unread = useResource(async () => {
    const page = await api.get<Page<NotificationView>>(`/v1/notifications?limit=${COUNTED}`);
    const count = page.items.filter((n) => !n.read).length;
    return { count, more: page.nextCursor !== null && count === page.items.length };
  }, []);
  useEffect(() => {
    addEventListener(NOTIFICATIONS_CHANGED, unread.reload);
    return () => removeEventListener(NOTIFICATIONS_CHANGED, unread.reload);
  }, [unread.reload]);
  const count = unread.data?.count ?? 0;
  const shown = `${count}${unread.data?.more ? '+' : ''}`;
  return (
    <Link href="/notifications" class="bell" aria-label={count > 0 ? `通知，${shown} 条未读` : '通知，无未读'}>
      {/* Drawn, not an emoji: a government desktop may have no colour-emoji font. */}
      <svg class="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 && (
        <span class="bell-count" data-testid="unread-count" aria-hidden="true">
          {shown}
        </span>
      )}
    </Link>
  );
};
