import { type Baseline, milestoneDuty, PLANNED_COMPLETION_DUTY } from '#shared/domain/construction.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';
import { startClock } from './start-clock.ts';

/**
 * ART20: the baseline's milestones and its planned completion are duties the sweep watches, each
 * due on its date. A new baseline (the start of construction, a change that applies) brings the
 * duties in line: a new milestone opens its duty, a moved one is re-dated, one no longer in the
 * baseline is cancelled. Reported milestones stay fulfilled.
 */
export const alignBaselineDuties = async (
  project: Pick<Project, 'id' | 'ownerDeptId'>,
  baseline: Baseline,
  actor: Actor,
  at: string,
  deps: Pick<Deps, 'obligations' | 'calendar' | 'policy'>,
): Promise<PendingWrite[]> => {
  const duties = (await deps.obligations.ofProject(project.id)).filter((o) => o.code === 'ART20-BASELINE');
  const wanted = new Map([
    ...baseline.milestones.map((m) => [milestoneDuty(m.name), { dueOn: m.dueOn, detail: m.name }] as const),
    [PLANNED_COMPLETION_DUTY, { dueOn: baseline.plannedCompletionOn, detail: '计划完成' }] as const,
  ]);
  const items: PendingWrite[] = [];
  for (const [key, { dueOn, detail }] of wanted) {
    const duty = duties.find((o) => o.key === key);
    if (!duty || duty.status === 'cancelled') {
      const opened = await startClock({ project, code: 'ART20-BASELINE', key, from: dueOn, detail, at }, deps);
      items.push(duty ? deps.obligations.reopen(opened) : deps.obligations.open(opened));
    } else if (duty.status === 'open' && duty.dueDate !== dueOn) {
      items.push(
        deps.obligations.redate({ ...duty, dueDate: dueOn, dueBasis: { ...duty.dueBasis, from: dueOn } }, duty.dueDate),
      );
    }
  }
  const dropped = duties.filter((o) => o.status === 'open' && !wanted.has(o.key));
  items.push(...dropped.map((o) => deps.obligations.settle(cancelled(o, actor, at))));
  return items;
};

const cancelled = (o: Obligation, actor: Actor, at: string): Obligation => ({
  ...o,
  status: 'cancelled',
  settledAt: at,
  settledBy: actor.sub,
});
