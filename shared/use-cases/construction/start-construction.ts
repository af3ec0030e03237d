import { assertOwner } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { type Baseline, refuseUnsoundBaseline } from '#shared/domain/construction.ts';
import { owedProcedures } from '#shared/domain/emergency.ts';
import { ConflictError, RuleViolationError, refuseIfAny } from '#shared/domain/errors.ts';
import { assertStage, onApprovalTrack, stageAfter } from '#shared/domain/lifecycle.ts';
import { baselineSpendViolations, spendCeiling } from '#shared/domain/money.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import { constructionGates } from '#shared/domain/procurement.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { alignBaselineDuties } from '../obligations/baseline-duties.ts';
import { startClock } from '../obligations/start-clock.ts';
import { loadVisible } from '../projects/project-access.ts';

type StartDeps = Pick<Deps, 'projects' | 'records' | 'obligations' | 'calendar' | 'policy' | 'now'>;

/**
 * Construction starts, with its baseline (ART20), from `approved` or `procurement` once a
 * construction contract (ART17: no 未招先建), the implementing body and responsible person
 * (ART19), a supervision contract (ART23) and the confidentiality agreements (ART25) are on
 * record — every one missing is listed at once — and never before approval (ART07: no 未批先建).
 * An emergency project (ART15) starts anyway, on or off the approval track: every procedure it
 * still owes and every item missing becomes an ART15 duty the sweep tracks. The baseline plans to
 * spend no more than was approved (ART20; before approval, than was declared).
 */
const startConstructionOnce = async (input: { id: string; actor: Actor; baseline: Baseline }, deps: StartDeps) => {
  refuseUnsoundBaseline(input.baseline, deps.now());
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  if (project.constructionStartedAt) throw new ConflictError('Construction has already started.');
  refuseIfAny(baselineSpendViolations(input.baseline, spendCeiling(project)));
  const emergency = project.emergency !== null;
  assertStage(emergency && onApprovalTrack(project.stage) ? 'emergency-start' : 'construction-start', project);
  const records = await deps.records.all(project.id);
  const gates = constructionGates({ contracts: records.contract, implementation: records.implementation.length > 0 });
  const [first, ...rest] = gates.map((gate) => gate.violation);
  if (first && !emergency) throw new RuleViolationError([first, ...rest]);

  const now = deps.now();
  const at = now.toISOString();
  const from = shanghaiDate(now);
  const started: Project = { ...project, constructionStartedAt: at };
  const skipped = emergency ? [...owedProcedures(started, deps.policy), ...gates.map((gate) => gate.duty)] : [];
  const duties = await Promise.all(
    skipped.map((key) => startClock({ project, code: 'ART15-EMERGENCY', key, detail: key, from, at }, deps)),
  );
  const baseline = {
    ...input.baseline,
    id: SINGLE,
    projectId: project.id,
    ...recorded(input.actor, at),
  };
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'construction.started',
    at,
    set: { constructionStartedAt: at, stage: stageAfter('construction-start', project) },
    details: {
      emergency,
      skipped,
      plannedCompletionOn: baseline.plannedCompletionOn,
      milestones: baseline.milestones.map((m) => m.name),
    },
    with: [
      deps.records.put('baseline', baseline, 'new'),
      ...duties.map((o) => deps.obligations.open(o)),
      ...(await alignBaselineDuties(project, input.baseline, input.actor, at, deps)),
    ],
  });
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const startConstruction = (input: Parameters<typeof startConstructionOnce>[0], deps: StartDeps) =>
  retryOnConflict(() => startConstructionOnce(input, deps));
