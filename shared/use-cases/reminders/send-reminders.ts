import type { Obligation } from '#shared/domain/obligation.ts';
import {
  type Announcement,
  type Audience,
  audienceKey,
  dutyAnnouncement,
  isReminderMorning,
  type Notification,
  reminderWindow,
  taskAnnouncement,
  waiverAnnouncement,
} from '#shared/domain/reminders.ts';
import { REVIEWER_ROLES } from '#shared/domain/review-catalogue.ts';
import type { Waiver } from '#shared/domain/waiver.ts';
import type { Deps } from '../deps.ts';

type ReminderDeps = Pick<
  Deps,
  'calendar' | 'obligations' | 'tasks' | 'records' | 'notifications' | 'digests' | 'policy' | 'now'
>;

/** What a morning sent (POST /v1/reminders answers it; the scheduled run logs it). */
export interface ReminderSummary {
  readonly asOf: string;
  /** False on a weekend or holiday of the county calendar: nothing is read or sent. */
  readonly workingDay: boolean;
  /** Digests sent to departments, and to reviewing roles' queues. */
  readonly departments: number;
  readonly roles: number;
  /** Duties announced (entering the window, or late), tasks entering it, waiver proposals awaiting a second officer. */
  readonly duties: number;
  readonly tasks: number;
  readonly waivers: number;
  /** Items the run read from the store: the window's duties and tasks, the waiver list. */
  readonly read: number;
}

/** Announcements written at once: each is one small transaction, and DynamoDB takes them in parallel. */
const WRITERS = 16;

/** Every waiver still proposed, with its duty (few: only baseline milestones are waivable, ART20). */
const proposedWaivers = async (deps: ReminderDeps) => {
  const proposed: Waiver[] = [];
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.records.countyPage('waiver', { limit: 200, cursor });
    read += page.items.length;
    proposed.push(...page.items.filter((waiver) => waiver.status === 'proposed'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const duties = await Promise.all(proposed.map((w) => deps.obligations.get(w.projectId, w.code, w.key)));
  return { pairs: proposed.map((waiver, i) => ({ waiver, duty: duties[i] })), read: read + proposed.length };
};

/**
 * The morning's reminders (API.md § Reminders before a duty falls due): on a working morning of
 * the county calendar, the duties entering the window or late since (a range of the due index),
 * the review tasks entering it (a range of each queue) and the waiver proposals awaiting a second
 * officer are each announced once (a conditional write per subject and kind), and each audience
 * that has anything new gets one digest. A rerun of the same morning finds everything announced
 * and sends nothing.
 */
export const sendReminders = async (input: { asOf: string }, deps: ReminderDeps): Promise<ReminderSummary> => {
  const { asOf } = input;
  const year = Number(asOf.slice(0, 4));
  const calendars = await deps.calendar.load([year - 1, year, year + 1]);
  const nothing = { asOf, departments: 0, roles: 0, duties: 0, tasks: 0, waivers: 0, read: 0 };
  if (!isReminderMorning(asOf, calendars)) return { ...nothing, workingDay: false };

  const window = reminderWindow(asOf, deps.policy, calendars);
  const [duties, queues, waivers] = await Promise.all([
    deps.obligations.dueBetween(window.lateFrom, window.dueThrough),
    Promise.all(REVIEWER_ROLES.map((role) => deps.tasks.dueBetween(role, asOf, window.dueThrough))),
    proposedWaivers(deps),
  ]);
  const tasks = queues.flat();
  const candidates = [
    ...duties.items.map((duty: Obligation) => dutyAnnouncement(duty, asOf, window)),
    ...tasks.map((task) => taskAnnouncement(task, asOf, window)),
    ...waivers.pairs.map(({ waiver, duty }) => waiverAnnouncement(waiver, duty)),
  ].filter((a): a is Announcement => a !== undefined);

  const at = deps.now().toISOString();
  const announced: { announcement: Announcement; notification: Notification }[] = [];
  for (let i = 0; i < candidates.length; i += WRITERS) {
    const batch = candidates.slice(i, i + WRITERS);
    const written = await Promise.all(batch.map((a) => deps.notifications.announce(a, asOf, at)));
    batch.forEach((announcement, j) => {
      const notification = written[j];
      if (notification) announced.push({ announcement, notification });
    });
  }

  // One digest per audience, of the morning's notifications no digest has carried yet: a run that
  // failed after announcing (a publish refused, a timeout) is made good by its rerun, which finds
  // nothing new to announce but the morning's notifications still unsent. A crash between the
  // publish and its mark sends that digest twice: at least once, never lost.
  const audiences = new Map(candidates.map((a) => [audienceKey(a.audience), a.audience]));
  const sent: Audience[] = [];
  for (const [key, audience] of audiences) {
    const unsent = await deps.notifications.unpublished(key, asOf);
    if (unsent.length === 0) continue;
    await deps.digests.publish({ audience, asOf, notifications: unsent });
    await deps.notifications.markPublished(
      key,
      unsent.map((n) => n.id),
      at,
    );
    sent.push(audience);
  }
  const count = (kind: (k: Notification['kind']) => boolean) =>
    announced.filter((item) => kind(item.notification.kind)).length;
  return {
    asOf,
    workingDay: true,
    departments: sent.filter((a) => 'department' in a).length,
    roles: sent.filter((a) => 'role' in a).length,
    duties: count((k) => k === 'duty-due-soon' || k === 'duty-late'),
    tasks: count((k) => k === 'task-due-soon'),
    waivers: count((k) => k === 'waiver-proposed'),
    read: duties.read + tasks.length + waivers.read,
  };
};
