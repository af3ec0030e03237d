import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalNotice } from '#infra/local/sns-local.ts';
import { newObligation, type Obligation } from '#shared/domain/obligation.ts';
import { transact } from '#shared/store/transactions.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { directDeps } from './support/direct.ts';
import { today } from './support/lifecycle.ts';
import { createProject, openTask, people, readyProject, submit, uniqueDept } from './support/scenario.ts';

type Summary = {
  asOf: string;
  workingDay: boolean;
  departments: number;
  duties: number;
  tasks: number;
  waivers: number;
};
type Item = { id: string; kind: string; projectId: string; code: string; dueDate: string; read: boolean };
type Notifications = { items: (Item & { key: string | null; taskId: string | null })[]; nextCursor: string | null };

const officer = () => tokenFor({ roles: ['data-bureau'], sub: 'reminders-officer' });

/** POST /v1/reminders as of a morning: what it sent. */
const remind = async (asOf: string) => {
  const response = await call<Summary>('POST', '/v1/reminders', { token: await officer(), body: { asOf } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** The N-th working day after `from`, as the runtime's county calendar counts it. */
const workingDaysAfter = async (from: string, add: number) => {
  const response = await call<{ due: string }>('GET', `/v1/calendar/working-days?from=${from}&add=${add}`, {
    token: await officer(),
  });
  expect(response.status).toBe(200);
  return response.body.due;
};

/** The digests the notification topic carried for one department (or role) as of one morning. */
const digestsFor = (attribute: { deptId: string } | { role: string }, asOf: string) => {
  const file = path.join(runtime().dataDir, 'notifications.jsonl');
  const notices = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  return notices
    .map((line) => JSON.parse(line) as LocalNotice)
    .filter((n) => n.attributes.kind === 'reminder-digest' && n.attributes.asOf === asOf)
    .filter((n) =>
      'deptId' in attribute ? n.attributes.deptId === attribute.deptId : n.attributes.role === attribute.role,
    );
};

const listOf = async (token: string) => {
  const response = await call<Notifications>('GET', '/v1/notifications?limit=200', { token });
  expect(response.status).toBe(200);
  return response.body.items;
};

const seeded: Obligation[] = [];

/** A department's draft project with open duties due on the given dates, written as a clock would write them. */
const owing = async (prefix: string, dueDates: readonly string[]) => {
  const dept = uniqueDept(prefix);
  const { staff } = people(dept);
  const project = await createProject(await staff());
  const deps = await directDeps();
  const duties = dueDates.map((dueDate, i) =>
    newObligation({
      project: { id: project.id, ownerDeptId: dept },
      code: 'ART29-FILING',
      key: `filing-${i}`,
      basis: { from: today(), amount: 30, unit: 'working-days' },
      due: { dueDate, provisional: false },
      at: new Date().toISOString(),
    }),
  );
  await transact(duties.map((duty) => deps.obligations.open(duty)));
  seeded.push(...duties);
  return { dept, staff, project, duties, deps };
};

const fulfil = async (duty: Obligation) => {
  const deps = await directDeps();
  const current = await deps.obligations.get(duty.projectId, duty.code, duty.key);
  if (current?.status !== 'open') return;
  await transact([
    deps.obligations.settle({
      ...current,
      status: 'fulfilled',
      settledAt: new Date().toISOString(),
      settledBy: 'test',
    }),
  ]);
};

// The seeded duties leave the due index, so no later sweep or reminder of another test reads them.
afterAll(async () => {
  for (const duty of seeded) await fulfil(duty);
});

describe('reminders before a duty falls due, on the local runtime', () => {
  it("announces a duty due in 3 working days once in that morning's one digest per department, and not again the next morning", async () => {
    // Beyond today's own window: a run for today (the authorization matrix makes one) leaves these duties alone.
    const morning = await workingDaysAfter(today(), 6);
    const [in1, in3, in5, in6] = await Promise.all([1, 3, 5, 6].map((n) => workingDaysAfter(morning, n)));
    const { dept, staff, duties } = await owing('remind', [in3 as string, in1 as string, in5 as string, in6 as string]);

    const first = await remind(morning);
    expect(first).toMatchObject({ asOf: morning, workingDay: true });
    expect(first.duties).toBeGreaterThanOrEqual(3);
    // One digest for the department, naming its three duties inside the window and not the fourth.
    const [digest, ...more] = digestsFor({ deptId: dept }, morning);
    expect(more).toEqual([]);
    expect(digest?.message).toContain(`${duties[0]?.projectId} ART29-FILING filing-0`);
    expect(digest?.message).toContain('filing-1');
    expect(digest?.message).toContain('filing-2');
    expect(digest?.message).not.toContain('filing-3');
    expect(digest?.subject).toBe(`Reminders of ${morning}: 3 for ${dept}`);

    // The same morning again sends nothing twice.
    await remind(morning);
    expect(digestsFor({ deptId: dept }, morning)).toHaveLength(1);

    // The next morning: the 3-day duty is not announced again; the one that entered the window is.
    const next = await workingDaysAfter(morning, 1);
    await remind(next);
    const [nextDigest, ...others] = digestsFor({ deptId: dept }, next);
    expect(others).toEqual([]);
    expect(nextDigest?.message).toContain('filing-3');
    expect(nextDigest?.message).not.toContain('filing-0');

    const items = await listOf(await staff());
    expect(items.map((n) => [n.key, n.kind, n.dueDate]).sort()).toEqual(
      [
        ['filing-0', 'duty-due-soon', in3],
        ['filing-1', 'duty-due-soon', in1],
        ['filing-2', 'duty-due-soon', in5],
        ['filing-3', 'duty-due-soon', in6],
      ].sort(),
    );
    expect(items.every((n) => !n.read)).toBe(true);
    // Another department reads none of them.
    expect(await listOf(await people(uniqueDept('other')).staff())).toEqual([]);
  });

  it('announces a duty that became late once that morning, and a fulfilled one never', async () => {
    const due = await workingDaysAfter(today(), 8);
    const { dept, staff, duties } = await owing('late', [due, due, due]);
    const [owed, fulfilledEarly, fulfilledLater] = duties as [Obligation, Obligation, Obligation];
    await fulfil(fulfilledEarly);

    await remind(due);
    await fulfil(fulfilledLater);
    const late = await workingDaysAfter(due, 1);
    const summary = await remind(late);
    expect(summary.duties).toBeGreaterThanOrEqual(1);
    const [digest, ...more] = digestsFor({ deptId: dept }, late);
    expect(more).toEqual([]);
    expect(digest?.message).toContain(`${owed.key}：已逾期`);
    expect(digest?.message).not.toContain(fulfilledLater.key);

    await remind(late);
    await remind(await workingDaysAfter(late, 1));
    const items = (await listOf(await staff())).map((n) => `${n.key} ${n.kind}`).sort();
    expect(items).toEqual([
      `${owed.key} duty-due-soon`,
      `${owed.key} duty-late`,
      `${fulfilledLater.key} duty-due-soon`,
    ]);
    expect(items.some((n) => n.startsWith(fulfilledEarly.key))).toBe(false);
  });

  it('counts the window in working days of the official calendar, over the National Day holiday, and sends nothing on a day off', async () => {
    // 2026: 10-01…10-07 off, 10-10 (Saturday) worked. From 09-30, the 5th working day is 10-13, the 6th 10-14.
    const { dept, staff } = await owing('national-day', ['2026-10-13', '2026-10-14']);

    const before = await remind('2026-09-30');
    expect(before.workingDay).toBe(true);
    const [digest] = digestsFor({ deptId: dept }, '2026-09-30');
    expect(digest?.message).toContain('filing-0');
    expect(digest?.message).not.toContain('filing-1');

    expect(await remind('2026-10-05')).toMatchObject({ workingDay: false, departments: 0, duties: 0 });
    expect(digestsFor({ deptId: dept }, '2026-10-05')).toEqual([]);

    // The adjusted working Saturday is a working morning: the second duty enters its window.
    expect((await remind('2026-10-10')).workingDay).toBe(true);
    expect(digestsFor({ deptId: dept }, '2026-10-10')[0]?.message).toContain('filing-1');
    expect((await listOf(await staff())).map((n) => n.dueDate).sort()).toEqual(['2026-10-13', '2026-10-14']);
  });

  it('tells a reviewing queue of its task entering the window, and marks a notification read for one person only', async () => {
    const { project, staff } = await readyProject();
    await submit(project.id, await staff());
    const { id: taskId } = await openTask(project.id, 1, 'tech-review', await officer());
    // Due in 10 working days: inside the window of the 6th working morning from today.
    const morning = await workingDaysAfter(today(), 6);
    const summary = await remind(morning);
    expect(summary.tasks).toBeGreaterThanOrEqual(1);
    await remind(morning);
    const told = digestsFor({ role: 'data-bureau' }, morning).filter((n) => n.message.includes(taskId));
    expect(told).toHaveLength(1);

    const reader = await tokenFor({ roles: ['data-bureau'], sub: 'reminders-reader' });
    const notification = (await listOf(reader)).find((n) => n.taskId === taskId);
    expect(notification).toMatchObject({ kind: 'task-due-soon', code: 'ART13-TECH-REVIEW', projectId: project.id });
    const id = notification?.id as string;

    const read = await call<Item>('POST', `/v1/notifications/${id}/read`, { token: reader });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ id, read: true });
    expect((await listOf(reader)).find((n) => n.id === id)?.read).toBe(true);
    // `read` is per person: another officer has not read it; a department may not even see it.
    expect((await listOf(await officer())).find((n) => n.id === id)?.read).toBe(false);
    const stranger = await call('POST', `/v1/notifications/${id}/read`, { token: await staff() });
    expect(stranger.status).toBe(404);
  });

  it('tells the Data Bureau once of a waiver proposal awaiting a second officer', async () => {
    const dept = uniqueDept('waiver');
    const project = await createProject(await people(dept).staff());
    const deps = await directDeps();
    const milestone = newObligation({
      project: { id: project.id, ownerDeptId: dept },
      code: 'ART20-BASELINE',
      key: 'milestone-试运行',
      basis: { from: today(), amount: 0, unit: 'days' },
      due: { dueDate: await workingDaysAfter(today(), 40), provisional: false },
      at: new Date().toISOString(),
    });
    await transact([deps.obligations.open(milestone)]);
    seeded.push(milestone);
    const proposer = await tokenFor({ roles: ['data-bureau'], dept: 'data-bureau-dept', sub: 'reminders-proposer' });
    const proposed = await call(
      'POST',
      `/v1/projects/${project.id}/obligations/ART20-BASELINE.${milestone.key}/waiver`,
      {
        token: proposer,
        body: { reason: '基线节点录入错误，见项目变更记录' },
      },
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);

    const morning = await workingDaysAfter(today(), 7);
    expect((await remind(morning)).waivers).toBeGreaterThanOrEqual(1);
    await remind(await workingDaysAfter(morning, 1));
    const told = [morning, await workingDaysAfter(morning, 1)]
      .flatMap((asOf) => digestsFor({ role: 'data-bureau' }, asOf))
      .filter((n) => n.message.includes(project.id));
    expect(told).toHaveLength(1);
    const notification = (await listOf(await officer())).find(
      (n) => n.projectId === project.id && n.kind === 'waiver-proposed',
    );
    expect(notification).toMatchObject({ code: 'ART20-BASELINE', key: milestone.key, dueDate: milestone.dueDate });
  });
});
