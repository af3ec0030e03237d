import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '#shared/domain/calendar.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Notification } from '#shared/domain/reminders.ts';
import { officialYear } from '#shared/store/calendar-repository.ts';
import type { Digest, Notifications, ReminderDigests } from '#shared/use-cases/ports.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';
import { inMemoryPorts } from '../support/in-memory-ports.ts';

// A morning of the official 2026 calendar (a Wednesday), and a duty due two working days later.
const MORNING = '2026-09-16';
const calendars = new Map([[2026, officialYear(2026) as CalendarYear]]);

const duty = (key: string): Obligation => ({
  projectId: 'p1',
  ownerDeptId: 'edu',
  code: 'ART29-FILING',
  key,
  description: '备案',
  dueDate: '2026-09-18',
  dueBasis: { from: '2026-08-01', amount: 30, unit: 'working-days' },
  provisional: false,
  status: 'open',
  createdAt: '2026-08-01T00:00:00.000Z',
  settledAt: null,
  settledBy: null,
  waiverReason: null,
  foundAt: null,
  pendingSince: null,
  waiver: null,
});

/** The notification centre in memory, as the store keeps it: each subject and kind announced once, a digest marks what it carried. */
const notificationCentre = () => {
  const kept = new Map<string, Notification & { publishedAt?: string }>();
  const markers = new Set<string>();
  const notifications: Notifications = {
    async announce(announcement, asOf, at) {
      const marker = `${announcement.subject}|${announcement.kind}`;
      if (markers.has(marker)) return undefined;
      markers.add(marker);
      const audience =
        'department' in announcement.audience ? announcement.audience.department : announcement.audience.role;
      const notification: Notification = {
        id: `${asOf}.${marker}`,
        at,
        asOf,
        kind: announcement.kind,
        projectId: announcement.projectId,
        code: announcement.code,
        dueDate: announcement.dueDate,
        key: announcement.key,
        taskId: announcement.taskId,
        audience,
      };
      kept.set(notification.id, notification);
      return notification;
    },
    page: async () => ({ items: [...kept.values()], nextCursor: null }),
    find: async (_audiences, id) => kept.get(id),
    readBy: async () => new Set(),
    markRead: async () => undefined,
    unpublished: async (_audience, asOf) =>
      [...kept.values()].filter((n) => n.asOf === asOf && n.publishedAt === undefined),
    markPublished: async (_audience, ids, at) => {
      for (const id of ids) {
        const n = kept.get(id);
        if (n) kept.set(id, { ...n, publishedAt: at });
      }
    },
  };
  return notifications;
};

describe('the morning reminders run (API.md § Reminders before a duty falls due)', () => {
  it('sends a digest its first run lost (the topic refused it) when the morning is run again, and then nothing more', async () => {
    const ports = inMemoryPorts(new Date(`${MORNING}T00:00:00.000Z`));
    ports.arrange.obligation(duty('filing-1'));
    ports.arrange.obligation(duty('filing-2'));
    const published: Digest[] = [];
    let refuse = true;
    const digests: ReminderDigests = {
      async publish(digest) {
        if (refuse) throw new Error('The topic is unavailable.');
        published.push(digest);
      },
    };
    const deps = {
      ...ports.deps,
      calendar: { ...ports.deps.calendar, load: async () => calendars },
      notifications: notificationCentre(),
      digests,
    };

    await expect(sendReminders({ asOf: MORNING }, deps)).rejects.toThrow('The topic is unavailable.');
    expect(published).toEqual([]);

    refuse = false;
    const rerun = await sendReminders({ asOf: MORNING }, deps);
    // Nothing new was announced, but the morning's two duties reach the department in one digest.
    expect(rerun).toMatchObject({ workingDay: true, duties: 0, departments: 1 });
    expect(published).toHaveLength(1);
    expect(published[0]?.notifications.map((n) => n.key).sort()).toEqual(['filing-1', 'filing-2']);

    const third = await sendReminders({ asOf: MORNING }, deps);
    expect(third).toMatchObject({ duties: 0, departments: 0 });
    expect(published).toHaveLength(1);
  });
});
