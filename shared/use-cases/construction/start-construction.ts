import { assertOwner } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { type Baseline, refuseUnsoundBaseline } from '#shared/domain/construction.ts';
import { constructionGates } from '#shared/domain/contract.ts';
import { builtWithoutApproval, DECISION_DUTY, emergencyVoided, owedProcedures } from '#shared/domain/emergency.ts';
import { ConflictError, RuleViolationError, refuseIfAny } from '#shared/domain/errors.ts';
import { assertStage, stageAfter } from '#shared/domain/lifecycle.ts';
import { baselineSpendViolations, spendCeiling } from '#shared/domain/money.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { onApprovalTrack } from '#shared/domain/stages.ts';
import { violation } from '#shared/domain/violation.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { alignBaselineDuties } from '../obligations/baseline-duties.ts';
import { startClock } from '../obligations/start-clock.ts';
import { verifiedDocuments } from '../projects/owner-action.ts';
import { loadVisible } from '../projects/project-access.ts';

type StartDeps = Pick<
  Deps,
  'projects' | 'records' | 'documents' | 'obligations' | 'calendar' | 'workflows' | 'policy' | 'now'
>;

/**
 * Construction starts, with its baseline (ART20), from `approved` or `procurement` once a
 * construction contract (ART17: no 未招先建), the implementing body and responsible person
 * (ART19), a supervision contract (ART23) and the confidentiality agreements (ART25) are on
 * record — every one missing is listed at once — and never before approval (ART07: no 未批先建).
 *
 * An emergency project (ART15: 可先行建设，边建设边办理相关手续) starts anyway, on or off the
 * approval track, on its head's word (ART10: the head answers for the department's decisions):
 * every procedure it still owes, every item missing and its collective decision to build at once
 * (unless named at the start) become ART15 duties the sweep tracks; the total it declares now is
 * what ART17 judges its procurement against before approval; and the Data Bureau's confirmation
 * opens at once, checking the emergency after the start, never before. A project whose emergency
 * was denied builds only once approved, like any other.
 * The baseline plans to spend no more than was approved (ART20; before approval, than was declared).
 */
const startConstructionOnce = async (input: { id: string; actor: Actor; baseline: Baseline }, deps: StartDeps) => {
  refuseUnsoundBaseline(input.baseline, deps.now());
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  if (project.constructionStartedAt && !builtWithoutApproval(project)) {
    throw new ConflictError('Construction has already started.');
  }
  refuseIfAny(baselineSpendViolations(input.baseline, spendCeiling(project)));
  const emergency = project.emergency !== null && !emergencyVoided(project) ? project.emergency : null;
  const early = emergency !== null && onApprovalTrack(project.stage);
  assertStage(early ? 'emergency-start' : 'construction-start', project, {
    builtWithoutApproval: builtWithoutApproval(project),
  });
  const records = await deps.records.all(project.id);
  const gates = constructionGates({ contracts: records.contract, implementation: records.implementation.length > 0 });
  const [first, ...rest] = gates.map((gate) => gate.violation);
  if (first && !emergency) throw new RuleViolationError([first, ...rest]);
  // Skipping anything is an emergency start: the head's decision, confirmed by the Data Bureau after.
  const confirming = emergency !== null && (early || gates.length > 0);
  if (confirming) assertOwner(input.actor, project, ['dept-head']);
  const decisionNamed = emergency?.decisionDocumentId ?? undefined;
  if (confirming && decisionNamed) {
    const verified = await verifiedDocuments(project.id, [decisionNamed], deps);
    if (!verified(decisionNamed, 'emergency-decision')) {
      throw new RuleViolationError([
        violation(
          'ART15-EMERGENCY',
          'emergency.decisionDocumentId',
          'Name a verified emergency-decision document of this project (the collective decision to build at once).',
        ),
      ]);
    }
  }

  const now = deps.now();
  const at = now.toISOString();
  const from = shanghaiDate(now);
  const started: Project = { ...project, constructionStartedAt: at };
  const skipped = emergency
    ? [
        ...(confirming && !decisionNamed ? [DECISION_DUTY] : []),
        ...owedProcedures(started, deps.policy),
        ...gates.map((gate) => gate.duty),
      ]
    : [];
  const duties = await Promise.all(
    skipped.map((key) => startClock({ project, code: 'ART15-EMERGENCY', key, detail: key, from, at }, deps)),
  );
  const baseline = {
    ...input.baseline,
    id: SINGLE,
    projectId: project.id,
    ...recorded(input.actor, at),
  };
  const round = confirming ? (project.rounds.emergency?.round ?? 0) + 1 : null;
  const saved = await deps.projects.save({
    project,
    actor: input.actor,
    action: 'construction.started',
    at,
    set: {
      constructionStartedAt: at,
      stage: stageAfter('construction-start', project),
      ...(emergency && round !== null
        ? {
            emergency: {
              ...emergency,
              declaredTotalFen: project.totalInvestmentFen,
              confirmation: { status: 'pending' as const, by: null, at: null },
            },
            rounds: { ...project.rounds, emergency: runningRound(round) },
          }
        : {}),
    },
    details: {
      emergency: emergency !== null,
      skipped,
      ...(round !== null
        ? { declaredTotalFen: project.totalInvestmentFen, confirmation: WORKFLOWS.emergency.first }
        : {}),
      plannedCompletionOn: baseline.plannedCompletionOn,
      milestones: baseline.milestones.map((m) => m.name),
    },
    with: [
      // A project approved after its emergency was denied starts again with a new baseline.
      deps.records.put('baseline', baseline, records.baseline.length > 0 ? 'any' : 'new'),
      ...duties.map((o) => deps.obligations.open(o)),
      ...(await alignBaselineDuties(project, input.baseline, input.actor, at, deps)),
    ],
  });
  if (round !== null) await deps.workflows.start({ workflow: 'emergency', projectId: project.id, round });
  return saved;
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const startConstruction = (input: Parameters<typeof startConstructionOnce>[0], deps: StartDeps) =>
  retryOnConflict(() => startConstructionOnce(input, deps));
