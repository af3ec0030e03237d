import { describe, expect, it } from 'vitest';
import { REMINDER_SCHEDULE } from '#infra/constructs/reminders.ts';
import { nextDailyRun } from '#infra/local/schedules.ts';
import { type CalendarYear, subtractWorkingDays } from '#shared/domain/calendar.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY, policyChoices } from '#shared/domain/policy.ts';
import {
  audiencesOf,
  digestsOf,
  dutyAnnouncement,
  isReminderMorning,
  type Notification,
  reminderWindow,
  taskAnnouncement,
  waiverAnnouncement,
} from '#shared/domain/reminders.ts';
import { officialYear } from '#shared/store/calendar-repository.ts';
import type { Digest, Notifications, ReminderDigests } from '#shared/use-cases/ports.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';
import { inMemoryPorts, openDuty } from '../support/in-memory-ports.ts';

// The official 2026 arrangement: 10-01…10-07 National Day, 09-20 (Sunday) and 10-10 (Saturday) worked.
const calendars = new Map([[2026, officialYear(2026) as CalendarYear]]);
const policy = { reminderWorkingDays: 5 };

const duty = (overrides: Partial<Obligation> = {}): Obligation =>
  openDuty('ART29-FILING', 'filing', '2026-10-09', {
    ownerDeptId: 'edu',
    description: '备案',
    dueBasis: { from: '2026-08-01', amount: 30, unit: 'working-days' },
    createdAt: '2026-08-01T00:00:00.000Z',
    ...overrides,
  });

describe('reminders: the window in working days of the county calendar', () => {
  it('reaches five working days ahead across the National Day holiday, and as far back for what became late', () => {
    // Ahead: 10-08, 10-09, 10-10 (a worked Saturday), 10-12, 10-13; back: 09-29, 28, 24, 23, 22
    // (09-25 is the Mid-Autumn Festival).
    expect(reminderWindow('2026-09-30', policy, calendars)).toEqual({
      lateFrom: '2026-09-22',
      dueThrough: '2026-10-13',
    });
    expect(subtractWorkingDays('2026-10-12', 2, calendars)).toEqual({ due: '2026-10-09', provisional: false });
  });

  it('runs on working mornings only: an adjusted working Saturday is one, a holiday Monday and a Sunday are not', () => {
    expect(isReminderMorning('2026-10-10', calendars)).toBe(true);
    expect(isReminderMorning('2026-09-20', calendars)).toBe(true);
    expect(isReminderMorning('2026-10-05', calendars)).toBe(false);
    expect(isReminderMorning('2026-10-11', calendars)).toBe(false);
    expect(isReminderMorning('2026-09-30', calendars)).toBe(true);
  });

  it('announces a duty due inside the window as due soon, and nothing of one due after it', () => {
    const window = reminderWindow('2026-09-30', policy, calendars);
    expect(dutyAnnouncement(duty({ dueDate: '2026-10-13' }), '2026-09-30', window)).toMatchObject({
      kind: 'duty-due-soon',
      audience: { department: 'edu' },
      subject: 'duty:p1:ART29-FILING:filing',
      dueDate: '2026-10-13',
    });
    expect(dutyAnnouncement(duty({ dueDate: '2026-09-30' }), '2026-09-30', window)?.kind).toBe('duty-due-soon');
    expect(dutyAnnouncement(duty({ dueDate: '2026-10-14' }), '2026-09-30', window)).toBeUndefined();
  });

  it('announces a duty late from the day after its due date, judged by the day it was answered if it awaits confirmation', () => {
    const window = reminderWindow('2026-10-12', policy, calendars);
    expect(dutyAnnouncement(duty({ dueDate: '2026-10-09' }), '2026-10-12', window)?.kind).toBe('duty-late');
    // Answered on 10-08, in time: awaiting the Data Bureau, it is neither late nor due soon.
    expect(dutyAnnouncement(duty({ dueDate: '2026-10-09', pendingSince: '2026-10-08' }), '2026-10-12', window)).toBe(
      undefined,
    );
    expect(dutyAnnouncement(duty({ dueDate: '2026-10-13', pendingSince: '2026-10-08' }), '2026-10-12', window)).toBe(
      undefined,
    );
  });

  it('never announces a fulfilled, waived or cancelled duty', () => {
    const window = reminderWindow('2026-10-12', policy, calendars);
    for (const status of ['fulfilled', 'waived', 'cancelled'] as const) {
      expect(dutyAnnouncement(duty({ status, dueDate: '2026-10-09' }), '2026-10-12', window)).toBeUndefined();
      expect(dutyAnnouncement(duty({ status, dueDate: '2026-10-13' }), '2026-10-12', window)).toBeUndefined();
    }
  });

  it("announces an open review task entering the window to its role's queue, with the review's rule", () => {
    const window = reminderWindow('2026-09-30', policy, calendars);
    const task = {
      id: 'p1.approval.1.tech-review',
      kind: 'tech-review' as const,
      role: 'data-bureau',
      projectId: 'p1',
      status: 'open' as const,
      dueDate: '2026-10-12',
    };
    expect(taskAnnouncement(task, '2026-09-30', window)).toMatchObject({
      kind: 'task-due-soon',
      audience: { role: 'data-bureau' },
      code: 'ART13-TECH-REVIEW',
      taskId: task.id,
    });
    expect(taskAnnouncement({ ...task, dueDate: '2026-10-14' }, '2026-09-30', window)).toBeUndefined();
    expect(taskAnnouncement({ ...task, status: 'decided' }, '2026-09-30', window)).toBeUndefined();
  });

  it('tells the Data Bureau of a waiver proposal while it awaits a second officer and its duty is open', () => {
    const waiver = {
      id: 'w1',
      status: 'proposed' as const,
      projectId: 'p1',
      code: 'ART20-BASELINE' as const,
      key: 'milestone-1',
    };
    expect(waiverAnnouncement(waiver, { status: 'open', dueDate: '2026-10-09' })).toMatchObject({
      kind: 'waiver-proposed',
      audience: { role: 'data-bureau' },
      dueDate: '2026-10-09',
    });
    expect(waiverAnnouncement({ ...waiver, status: 'confirmed' }, { status: 'open', dueDate: '2026-10-09' })).toBe(
      undefined,
    );
    expect(waiverAnnouncement(waiver, { status: 'waived', dueDate: '2026-10-09' })).toBeUndefined();
    expect(waiverAnnouncement(waiver, undefined)).toBeUndefined();
  });

  it('makes one digest per department or role, whatever the number of announcements', () => {
    const window = reminderWindow('2026-09-30', policy, calendars);
    const announcements = ['a', 'b', 'c']
      .map((key) => dutyAnnouncement(duty({ key, dueDate: '2026-10-08' }), '2026-09-30', window))
      .concat(dutyAnnouncement(duty({ ownerDeptId: 'health', dueDate: '2026-10-08' }), '2026-09-30', window))
      .filter((a) => a !== undefined);
    const digests = digestsOf(announcements);
    expect([...digests.keys()].sort()).toEqual(['DEPT#edu', 'DEPT#health']);
    expect(digests.get('DEPT#edu')).toHaveLength(3);
  });

  it("reads a person's department's notifications if they act for one, and each reviewing queue they hold", () => {
    expect(audiencesOf({ sub: 's', name: 's', deptId: 'edu', roles: ['dept-staff'] })).toEqual(['DEPT#edu']);
    expect(audiencesOf({ sub: 's', name: 's', deptId: 'db', roles: ['data-bureau', 'finance'] })).toEqual([
      'ROLE#data-bureau',
      'ROLE#finance',
    ]);
    expect(audiencesOf({ sub: 's', name: 's', deptId: null, roles: ['audit', 'admin'] })).toEqual([]);
  });

  it('names reminderWorkingDays a policy choice (default 5) with the article that leaves it open', () => {
    expect(DEFAULT_POLICY.reminderWorkingDays).toBe(5);
    expect(policyChoices()).toContainEqual(expect.objectContaining({ setting: 'reminderWorkingDays', article: 4 }));
  });

  it('is scheduled at 08:00 Asia/Shanghai, which the local runtime fires at midnight UTC', () => {
    expect(REMINDER_SCHEDULE).toEqual({ expression: 'cron(0 8 * * ? *)', timezone: 'Asia/Shanghai' });
    expect(nextDailyRun(REMINDER_SCHEDULE, new Date('2026-11-25T10:00:00Z')).toISOString()).toBe(
      '2026-11-26T00:00:00.000Z',
    );
  });
});

// A morning of the official 2026 calendar (a Wednesday), two working days before the duties fall due.
const MORNING = '2026-09-16';

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
    ports.arrange.obligation(duty({ key: 'filing-1', dueDate: '2026-09-18' }));
    ports.arrange.obligation(duty({ key: 'filing-2', dueDate: '2026-09-18' }));
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
