import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import { departmentDutyId } from '#shared/domain/drills.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import { runSweep } from '#shared/use-cases/sweeps/run-sweep.ts';
import { inMemoryPorts, openDuty, storedProject } from '../support/in-memory-ports.ts';

const now = new Date();
const today = shanghaiDate(now);
const lastWeek = addCalendarDays(today, -7);
const year = Number(today.slice(0, 4));

const duty = (code: RuleCode, key: string, overrides: Partial<Obligation> = {}): Obligation =>
  openDuty(code, key, lastWeek, { createdAt: now.toISOString(), ...overrides });

const findingOf = (o: Obligation, overrides: Partial<Finding> = {}): Finding => ({
  id: `${o.projectId}.${o.code}.${o.key}`,
  projectId: o.projectId,
  ownerDeptId: o.ownerDeptId,
  code: o.code,
  article: 7,
  key: o.key,
  description: o.description,
  dueDate: o.dueDate,
  status: 'open',
  openedAt: now.toISOString(),
  resolvedAt: null,
  holds: [],
  ...overrides,
});

/** A project in `stage` (accepted, so owing no drill unless a test says so), its duties on record. */
const onRecord = (duties: Obligation[], project: Partial<Project> = {}) => {
  const ports = inMemoryPorts(now);
  ports.arrange.project(storedProject({ stage: 'acceptance', ...project }));
  for (const d of duties) ports.arrange.obligation(d);
  return ports;
};
const sweep = (deps: ReturnType<typeof inMemoryPorts>['deps']) =>
  runSweep({ asOf: today, changesPerSecond: 10_000 }, deps);

describe('the compliance sweep, on in-memory ports', () => {
  it('opens one finding for a late duty, on the project’s audit trail, and marks the duty found (ART27-ACCEPTANCE-DEADLINE)', async () => {
    const { deps, saved, read } = onRecord([duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance')]);
    const summary = await sweep(deps);
    expect(summary).toMatchObject({ examined: 1, opened: 1, holdsPlaced: 0, resolved: 0 });
    expect(saved.map((c) => c.action)).toEqual(['finding.opened']);
    expect(read.findings()).toEqual([
      expect.objectContaining({ code: 'ART27-ACCEPTANCE-DEADLINE', article: 27, status: 'open', dueDate: lastWeek }),
    ]);
    expect(read.obligations()[0]?.foundAt).toBe(now.toISOString());
    expect(read.holds()).toEqual([]);
  });

  it('never opens a finding twice: a second sweep finds the duty found (ART27-ACCEPTANCE-DEADLINE)', async () => {
    const { deps, saved, read } = onRecord([duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance')]);
    await sweep(deps);
    expect(await sweep(deps)).toMatchObject({ opened: 0, resolved: 0 });
    expect(saved).toHaveLength(1);
    expect(read.findings()).toHaveLength(1);
  });

  it('leaves a duty due today, and one done in time while the Data Bureau confirms it (ART29-FILING pendingSince)', async () => {
    const { deps, saved } = onRecord([
      duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance', { dueDate: today }),
      duty('ART29-FILING', 'filing', { pendingSince: addCalendarDays(lastWeek, -1) }),
    ]);
    expect(await sweep(deps)).toMatchObject({ opened: 0 });
    expect(saved).toEqual([]);
  });

  it('holds the operations funds of a late O&M report and writes next year’s duty, so the project stays tracked (ART07-OM-FUNDING)', async () => {
    const { deps, read } = onRecord([duty('ART07-OM-FUNDING', `om-${year}`)], { stage: 'operations' });
    const summary = await sweep(deps);
    expect(summary).toMatchObject({ opened: 1, holdsPlaced: 1 });
    expect(read.holds()).toEqual([expect.objectContaining({ code: 'ART07-OM-FUNDING', funds: ['operations'] })]);
    const next = read.obligations().find((o) => o.key === `om-${year + 1}`);
    expect(next?.status).toBe('open');
    // Due a year after its basis (one day off only where the basis is a 29 February).
    expect(next?.dueDate.slice(0, 4)).toBe(String(Number(lastWeek.slice(0, 4)) + 1));
    expect(next && next.dueDate > today).toBe(true);
  });

  it('writes no second hold for a duty whose hold started with it (ART29-FILING)', async () => {
    const filing = duty('ART29-FILING', 'filing');
    const { deps, arrange, read } = onRecord([filing]);
    const since = now.toISOString();
    arrange.hold({
      projectId: 'p1',
      code: 'ART29-FILING',
      key: 'filing',
      funds: ['construction', 'operations'],
      since,
    });
    await sweep(deps);
    expect(read.findings()).toEqual([
      expect.objectContaining({ code: 'ART29-FILING', holds: ['construction', 'operations'] }),
    ]);
    expect(read.holds()).toEqual([expect.objectContaining({ since })]);
  });

  it('resolves the finding of a duty since settled and lifts its hold (ART07-OM-FUNDING)', async () => {
    const settled = duty('ART07-OM-FUNDING', `om-${year}`, { status: 'fulfilled', foundAt: now.toISOString() });
    const { deps, arrange, saved, read } = onRecord([settled], { stage: 'operations' });
    arrange.finding(findingOf(settled, { holds: ['operations'] }));
    arrange.hold({
      projectId: 'p1',
      code: 'ART07-OM-FUNDING',
      key: settled.key,
      funds: ['operations'],
      since: lastWeek,
    });
    expect(await sweep(deps)).toMatchObject({ resolved: 1, holdsLifted: 1 });
    expect(saved.map((c) => c.action)).toEqual(['finding.resolved']);
    expect(read.findings()).toEqual([expect.objectContaining({ status: 'resolved', resolvedAt: now.toISOString() })]);
    expect(read.holds()).toEqual([]);
  });

  it('marks found a duty whose finding was opened before duties were marked, opening nothing twice', async () => {
    const late = duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance');
    const { deps, arrange, saved, read } = onRecord([late]);
    arrange.finding(findingOf(late, { openedAt: lastWeek }));
    expect(await sweep(deps)).toMatchObject({ opened: 0 });
    expect(saved).toEqual([]);
    expect(read.findings()).toHaveLength(1);
    expect(read.obligations()[0]?.foundAt).toBe(lastWeek);
  });

  it('leaves for the next run a late duty whose project refuses every change, and still sweeps the other projects (ART27-ACCEPTANCE-DEADLINE)', async () => {
    const { deps, arrange, read } = onRecord([duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance')]);
    arrange.project(storedProject({ id: 'p2', stage: 'acceptance' }));
    arrange.obligation(duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance', { projectId: 'p2' }));
    arrange.refusedChanges('p1', new ConflictError('The project keeps changing.'));
    expect(await sweep(deps)).toMatchObject({ examined: 2, opened: 1 });
    expect(read.findings().map((f) => f.projectId)).toEqual(['p2']);
    expect(read.obligations().find((o) => o.projectId === 'p1')?.foundAt).toBeNull();
  });

  it('skips the late duty of a project that does not exist, writing nothing', async () => {
    const { deps, saved, read } = onRecord([duty('ART27-ACCEPTANCE-DEADLINE', 'acceptance', { projectId: 'gone' })]);
    expect(await sweep(deps)).toMatchObject({ examined: 1, opened: 0 });
    expect(saved).toEqual([]);
    expect(read.findings()).toEqual([]);
  });

  it('opens one ART24-SECURITY finding for a department that has not drilled within the window, and resolves it once it drills', async () => {
    const startedBuilding = `${addMonths(today, -(DEFAULT_POLICY.drillWindowMonths + 1))}T00:00:00.000Z`;
    const { deps, arrange, read } = onRecord([], { stage: 'operations', constructionStartedAt: startedBuilding });
    expect(await sweep(deps)).toMatchObject({ opened: 1 });
    expect(read.findings()).toEqual([
      expect.objectContaining({ projectId: departmentDutyId('dept-a'), code: 'ART24-SECURITY', status: 'open' }),
    ]);
    expect(await sweep(deps)).toMatchObject({ opened: 0 });
    arrange.drill({
      id: 'd1',
      deptId: 'dept-a',
      on: addCalendarDays(today, -1),
      scenario: '数据泄露应急演练',
      participants: 12,
      recordedAt: now.toISOString(),
      recordedBy: 'dept-a-staff',
    });
    expect(await sweep(deps)).toMatchObject({ resolved: 1 });
    expect(read.findings()).toEqual([expect.objectContaining({ code: 'ART24-SECURITY', status: 'resolved' })]);
  });
});
