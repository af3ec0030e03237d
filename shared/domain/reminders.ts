import * as z from 'zod';
import { addWorkingDays, type Calendars, isWorkingDay, subtractWorkingDays } from './calendar.ts';
import { isLate, type Obligation } from './obligation.ts';
import type { Policy } from './policy.ts';
import type { StoredTask } from './review.ts';
import { REVIEWS } from './review-catalogue.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole, type Role } from './roles.ts';
import { RULE_CODES } from './rules/catalog.ts';
import type { Waiver } from './waiver.ts';

/**
 * What a working morning announces, one row each: who hears of it (a department, or a reviewing
 * body's queue) and how the digest names it. Each subject is announced once per kind: a duty
 * once on entering the window and once on becoming late, a task once on entering the window, a
 * waiver proposal once while it awaits a second officer.
 */
export const NOTIFICATION_KINDS = {
  'duty-due-soon': { audience: 'department', zh: '即将到期', en: 'falls due soon' },
  'duty-late': { audience: 'department', zh: '已逾期', en: 'is late' },
  'task-due-soon': { audience: 'role', zh: '审查即将到期', en: 'review falls due soon' },
  'waiver-proposed': { audience: 'role', zh: '豁免待第二名工作人员确认', en: 'waiver awaits a second officer' },
} as const satisfies Record<string, { audience: 'department' | 'role'; zh: string; en: string }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NotificationKindSchema = z.enum(
  Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]],
);

/** Who a notification is for: a department's people (dept-staff, dept-head), or a role's queue. */
export type Audience = { readonly department: string } | { readonly role: Role };
export const audienceKey = (audience: Audience): string =>
  'department' in audience ? `DEPT#${audience.department}` : `ROLE#${audience.role}`;

/** One thing announced: what it is about and who hears of it. */
export const NotificationSchema = z.object({
  /** `{asOf}.{digest of audience, kind and subject}`: sortable by the morning that sent it. */
  id: z.string(),
  at: z.string(),
  /** The working morning whose run announced it. */
  asOf: z.string(),
  kind: NotificationKindSchema,
  projectId: z.string(),
  code: z.enum(RULE_CODES),
  dueDate: z.string(),
  /** The duty's key (`{code}.{key}` names it in the obligation routes), or null for a task. */
  key: z.string().nullable(),
  /** The review task, where the notification is about one (its page is where it is decided). */
  taskId: z.string().nullable(),
  /** The department, or the role, whose people are told. */
  audience: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** What a morning announces before it is written: the subject's key makes it once per kind. */
export interface Announcement {
  readonly kind: NotificationKind;
  readonly audience: Audience;
  /** The subject announced (`duty:{projectId}:{code}:{key}`, `task:{id}`, `waiver:{projectId}:{id}`). */
  readonly subject: string;
  readonly projectId: string;
  readonly code: Notification['code'];
  readonly dueDate: string;
  readonly key: string | null;
  readonly taskId: string | null;
}

/**
 * The dates a morning reads: duties and tasks due from today through the `reminderWorkingDays`-th
 * working day after it enter the window; duties due from the same number of working days back
 * until yesterday became late since (the day before a run is normally the last one; the rest makes
 * good a morning whose run failed, without announcing anything twice).
 */
export const reminderWindow = (
  asOf: string,
  policy: Pick<Policy, 'reminderWorkingDays'>,
  calendars: Calendars,
): { lateFrom: string; dueThrough: string } => ({
  lateFrom: subtractWorkingDays(asOf, policy.reminderWorkingDays, calendars).due,
  dueThrough: addWorkingDays(asOf, policy.reminderWorkingDays, calendars).due,
});

/** Only on a working morning of the county calendar (an adjusted working Saturday is one) is anything sent. */
export const isReminderMorning = (asOf: string, calendars: Calendars): boolean => isWorkingDay(asOf, calendars);

/**
 * What a duty read from the due index announces this morning: late once its due date has passed
 * (judged as the sweep judges it: by the day it was answered, if it awaits confirmation), due soon
 * while it is inside the window and nobody has answered it yet; nothing once fulfilled, waived or
 * cancelled.
 */
export const dutyAnnouncement = (
  duty: Obligation,
  asOf: string,
  window: { dueThrough: string },
): Announcement | undefined => {
  if (duty.status !== 'open') return undefined;
  const about = {
    audience: { department: duty.ownerDeptId },
    subject: `duty:${duty.projectId}:${duty.code}:${duty.key}`,
    projectId: duty.projectId,
    code: duty.code,
    dueDate: duty.dueDate,
    key: duty.key,
    taskId: null,
  };
  if (isLate(duty, asOf)) return { kind: 'duty-late', ...about };
  const inWindow = duty.dueDate >= asOf && duty.dueDate <= window.dueThrough;
  if (inWindow && duty.pendingSince === null) return { kind: 'duty-due-soon', ...about };
  return undefined;
};

/** An open review task due inside the window, for its role's queue. */
export const taskAnnouncement = (
  task: Pick<StoredTask, 'id' | 'kind' | 'role' | 'projectId' | 'status' | 'dueDate'>,
  asOf: string,
  window: { dueThrough: string },
): Announcement | undefined => {
  if (task.status !== 'open' || task.dueDate < asOf || task.dueDate > window.dueThrough) return undefined;
  return {
    kind: 'task-due-soon',
    audience: { role: task.role as Role },
    subject: `task:${task.id}`,
    projectId: task.projectId,
    code: REVIEWS[task.kind].rule,
    dueDate: task.dueDate,
    key: null,
    taskId: task.id,
  };
};

/** A waiver proposal awaiting a second Data Bureau officer (four eyes, ART33), for the Data Bureau's queue, while its duty is open. */
export const waiverAnnouncement = (
  waiver: Pick<Waiver, 'id' | 'status' | 'projectId' | 'code' | 'key'>,
  duty: Pick<Obligation, 'status' | 'dueDate'> | undefined,
): Announcement | undefined => {
  if (waiver.status !== 'proposed' || duty?.status !== 'open') return undefined;
  return {
    kind: 'waiver-proposed',
    audience: { role: 'data-bureau' },
    subject: `waiver:${waiver.projectId}:${waiver.id}`,
    projectId: waiver.projectId,
    code: waiver.code,
    dueDate: duty.dueDate,
    key: waiver.key,
    taskId: null,
  };
};

/** One digest per audience, whatever the number of things announced to it. */
export const digestsOf = (announcements: readonly Announcement[]): Map<string, Announcement[]> => {
  const digests = new Map<string, Announcement[]>();
  for (const announcement of announcements) {
    const key = audienceKey(announcement.audience);
    digests.set(key, [...(digests.get(key) ?? []), announcement]);
  }
  return digests;
};

/**
 * The audiences whose notifications a person reads: their department's, if they act for one;
 * each reviewing role's queue they hold (the Data Bureau's carries the waiver proposals too).
 */
export const audiencesOf = (actor: Actor): string[] => [
  ...(actor.deptId !== null && hasAnyRole(actor, DEPARTMENT_ROLES) ? [audienceKey({ department: actor.deptId })] : []),
  ...actor.roles
    .filter((role) => !DEPARTMENT_ROLES.includes(role) && REMINDED_ROLES.includes(role))
    .map((role) => audienceKey({ role })),
];

/** Roles that hear of anything: every reviewing body, and the Data Bureau for waivers. */
const REMINDED_ROLES: readonly Role[] = [
  ...new Set<Role>([...Object.values(REVIEWS).map((review) => review.role), 'data-bureau']),
];
