import { migrationDeadline } from '#shared/domain/acceptance.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { emergencyVoided } from '#shared/domain/emergency.ts';
import { type Action, nextStage } from '#shared/domain/lifecycle.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { alignBaselineDuties } from '../obligations/baseline-duties.ts';
import { cureBuiltWithoutApproval, recordBuiltWithoutApproval } from '../obligations/built-without-approval.ts';
import { reconcileEmergencyDuties } from '../obligations/emergency-duties.ts';
import { cancel } from '../obligations/settle-obligations.ts';
import { openDuty, startClock } from '../obligations/start-clock.ts';
import type { PendingWrite } from '../ports.ts';
import { budgetCoverage } from './budget-coverage.ts';
import type { Conclusion } from './conclusion.ts';

const OUTCOME_ACTION = { approved: 'approve', rejected: 'reject', returned: 'return' } as const satisfies Record<
  string,
  Action
>;

/**
 * An approval round ends. A declaration approved takes `approved` (an emergency project already
 * building goes straight to `construction`, ART15) and its total becomes the approved estimate
 * (概算, ART22's base). A change re-approved applies: its total is the new total and the new
 * estimate (the 10% count starts again), its baseline and budget take effect; the project keeps
 * its stage. Rejected or returned, nothing of the round applies, and the budget filing a parallel
 * finance approval opened is cancelled (ART14). A budget approved below the contracts already
 * signed applies (it is Finance's) and opens an ART17-WITHIN-BUDGET finding. An O&M project
 * approved off the government cloud starts owing its migration by its plan's date (ART07).
 */
export const concludeApproval: Conclusion = async (context, deps) => {
  const { project, round, outcome, actor, at } = context;
  const approved = outcome === 'approved';
  const budgetFiling = approved
    ? { items: [], settled: [] }
    : await cancel(project, 'ART14-BUDGET-FILING', [`approval-${round.round}`], actor, at, deps);
  const cancelled = budgetFiling.settled.length > 0 ? { cancelledDuties: budgetFiling.settled.map((o) => o.code) } : {};
  const approvedBy = approved ? [...new Set([...project.approvedBy, ...round.passed])] : project.approvedBy;
  const budget = approved
    ? await budgetCoverage(project, round.approvedBudgetFen, at, deps)
    : { items: [], details: {} };

  if (round.changeId) {
    const change = await deps.records.get('change', project.id, round.changeId);
    if (!change) throw new Error(`Change ${round.changeId} of project ${project.id} does not exist`);
    const items: PendingWrite[] = [
      ...budgetFiling.items,
      ...budget.items,
      deps.records.put(
        'change',
        { ...change, status: outcome, decidedAt: at, approvedBudgetFen: round.approvedBudgetFen },
        'any',
      ),
    ];
    if (approved && change.baseline) {
      const baseline = { ...change.baseline, id: SINGLE, projectId: project.id, ...recorded(actor, at) };
      items.push(
        deps.records.put('baseline', baseline, 'any'),
        ...(await alignBaselineDuties(project, change.baseline, actor, at, deps)),
      );
    }
    return {
      set: approved
        ? {
            totalInvestmentFen: change.newTotalInvestmentFen,
            approvedEstimateFen: change.newTotalInvestmentFen,
            approvedBudgetFen: round.approvedBudgetFen ?? project.approvedBudgetFen,
            approvedBy,
          }
        : {},
      with: items,
      details: {
        changeId: change.id,
        ...(approved ? { approvedEstimateFen: change.newTotalInvestmentFen } : {}),
        ...cancelled,
        ...budget.details,
      },
    };
  }

  // ART15: an emergency still building goes straight on; one whose emergency was denied built without
  // approval (ART07): approved now, it stops being a finding and starts construction afresh, like any other.
  const voided = emergencyVoided(project) && project.constructionStartedAt !== null;
  const building = project.constructionStartedAt !== null && !voided;
  const action = approved && building ? 'approve-building' : OUTCOME_ACTION[outcome];
  const set = {
    stage: nextStage(action),
    ...(approved
      ? {
          approvedEstimateFen: project.totalInvestmentFen,
          approvedBudgetFen: round.approvedBudgetFen ?? project.approvedBudgetFen,
          approvedBy,
          // The day of 立项, which the public register dates it by (a change re-approved later keeps it).
          approvedOn: shanghaiDate(new Date(at)),
          ...(voided ? { constructionStartedAt: null } : {}),
        }
      : {}),
  } satisfies Partial<Project>;
  const after: Project = { ...project, ...set, rounds: { ...project.rounds, approval: { ...round, status: outcome } } };
  const rejectedAfterBuilding =
    outcome === 'rejected' && project.constructionStartedAt !== null && project.emergency !== null
      ? await recordBuiltWithoutApproval(project, '紧急项目不予批准', actor, at, deps)
      : undefined;
  // A rejection after building cancels every ART15 duty itself; otherwise the procedures are counted again.
  const emergency = rejectedAfterBuilding
    ? { items: [], cancelled: [] }
    : await reconcileEmergencyDuties(after, actor, at, deps);
  const cured = approved && voided ? await cureBuiltWithoutApproval(project, at, deps) : [];
  // ART07: an O&M project approved off the government cloud owes its migration by its plan's date.
  const migration = approved ? migrationDeadline(project) : null;
  const migrationDuty = migration
    ? await startClock(
        { project, code: 'ART07-OM-FUNDING', ...migration, detail: `迁移上云完成日期 ${migration.from}`, at },
        deps,
      )
    : undefined;
  return {
    set,
    with: [
      ...budgetFiling.items,
      ...budget.items,
      ...emergency.items,
      ...cured,
      ...(rejectedAfterBuilding?.items ?? []),
      ...(migrationDuty ? openDuty(migrationDuty, deps) : []),
    ],
    details: {
      ...(approved ? { approvedEstimateFen: set.approvedEstimateFen } : {}),
      ...cancelled,
      ...budget.details,
      ...(emergency.cancelled.length > 0 ? { emergencyDutiesCancelled: emergency.cancelled } : {}),
      ...(cured.length > 0 ? { resolved: 'ART07-NO-BUILD-BEFORE-APPROVAL' } : {}),
      ...(migrationDuty ? { migrationDue: migrationDuty.dueDate } : {}),
      ...rejectedAfterBuilding?.details,
    },
  };
};
