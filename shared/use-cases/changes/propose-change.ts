import { randomUUID } from 'node:crypto';
import {
  type Change,
  type ChangeInput,
  changeViolations,
  changeWorkflow,
  classifyChange,
} from '#shared/domain/change.ts';
import { refuseUnsoundBaseline } from '#shared/domain/construction.ts';
import { ConflictError, refuseIfAny, ValidationError } from '#shared/domain/errors.ts';
import { baselineSpendViolations, spendCeiling } from '#shared/domain/money.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { openElsewhere, WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { alignBaselineDuties } from '../obligations/baseline-duties.ts';
import type { PendingWrite } from '../ports.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type ChangeDeps = Pick<
  Deps,
  'projects' | 'records' | 'documents' | 'obligations' | 'calendar' | 'workflows' | 'idempotency' | 'policy' | 'now'
>;

/**
 * ART22: a change during procurement or construction. Within the approved estimate, goal
 * unchanged, for a listed reason and within 10% of the estimate counted since the last approval,
 * it is filed with the Data Bureau and applies at once (new total, new baseline; the estimate
 * stays) — unless it raises the total above the budget Finance approved: then a round of
 * Finance's budget review decides it, and it applies only if the new budget is approved (ART22's
 * last sentence). Anything else is declared again: posted by the department head with a verified
 * collective decision and expert opinion for it, it goes through a new round of the approval
 * workflow and applies only if approved; without them it is refused and nothing is recorded. One
 * pending change at a time.
 */
export const proposeChange = (
  input: { id: string; actor: Actor; change: ChangeInput; idempotencyKey?: string | undefined },
  deps: ChangeDeps,
): Promise<Change> =>
  idempotentAction<Change>(
    { actor: input.actor, scope: 'change', key: input.idempotencyKey, request: { id: input.id, ...input.change } },
    deps,
    async (remember) => {
      const { actor, change: body } = input;
      const project = await loadForOwner({ id: input.id, actor, action: 'change' }, deps);
      const changes = await deps.records.list('change', project.id);
      const pending = changes.find((c) => c.status === 'pending');
      if (pending) {
        // Its round's workflow is started (idempotent) in case the start after its transaction failed.
        const workflow = changeWorkflow(pending);
        if (pending.round && workflow)
          await deps.workflows.start({ workflow, projectId: project.id, round: pending.round });
        throw new ConflictError('A change already awaits re-approval; one pending change at a time.');
      }
      if (body.baseline && !(await deps.records.get('baseline', project.id, SINGLE))) {
        throw new ValidationError([
          {
            path: 'baseline',
            message: 'The baseline is set when construction starts; a change before that carries none.',
          },
        ]);
      }
      if (body.baseline) refuseUnsoundBaseline(body.baseline, deps.now());
      const judged = classifyChange(body, project, changes, deps.policy);
      // ART20: a new baseline plans within what is approved — a filed change within the budget as
      // it stands, a re-approval within the total it asks approval for.
      const workflow = changeWorkflow(judged);
      if (body.baseline) {
        const ceiling =
          workflow === null
            ? spendCeiling(project)
            : { fen: body.newTotalInvestmentFen, of: 'new total', zh: '变更后总投资' };
        refuseIfAny(baselineSpendViolations(body.baseline, ceiling));
      }
      const verified = await verifiedDocuments(
        project.id,
        [body.descriptionDocumentId, body.collectiveDecisionDocumentId, body.expertOpinionDocumentId],
        deps,
      );
      // Declaring again needs a decision and an opinion for this change, not the ones the project was approved on.
      const since = project.rounds.approval?.concludedAt ?? null;
      const forTheChange = (id: string | undefined, kind: Parameters<typeof verified>[1]) =>
        verified(id, kind, kind === 'change-description' ? null : since);
      refuseIfAny(changeViolations(body, judged.route, actor, forTheChange));

      const at = deps.now().toISOString();
      // Filed and applied at once, unless a round (re-approval, or Finance's budget review) decides it first.
      const filing = workflow === null;
      const round = workflow === null ? null : (project.rounds[workflow]?.round ?? 0) + 1;
      const change: Change = {
        ...body,
        ...judged,
        id: randomUUID(),
        projectId: project.id,
        seq: changes.length + 1,
        status: filing ? 'filed' : 'pending',
        round,
        approvedBudgetFen: null,
        budgetReviewStatus: workflow === 'budget' ? 'open' : null,
        ...recorded(actor, at),
        decidedAt: filing ? at : null,
      };
      // The round's first review is open from the change on, as a submission's is: a crash before its
      // workflow starts leaves a review open with no task, which the sweep finds and starts.
      const set: Partial<Project> =
        workflow === null
          ? { totalInvestmentFen: body.newTotalInvestmentFen }
          : {
              rounds: { ...project.rounds, [workflow]: runningRound(round ?? 1, change.id) },
              openReviews: [...openElsewhere(project.openReviews, workflow), WORKFLOWS[workflow].first],
            };
      const applied: PendingWrite[] =
        filing && body.baseline
          ? [
              deps.records.put(
                'baseline',
                { ...body.baseline, id: SINGLE, projectId: project.id, ...recorded(actor, at) },
                'any',
              ),
              ...(await alignBaselineDuties(project, body.baseline, actor, at, deps)),
            ]
          : [];
      await deps.projects.save({
        project,
        at,
        actor,
        action: change.route === 'filing' ? 'change.filed' : 'change.declared',
        set,
        details: {
          changeId: change.id,
          route: change.route,
          reason: change.reason,
          adjustedAmountFen: change.adjustedAmountFen,
          newTotalInvestmentFen: change.newTotalInvestmentFen,
          cumulativeAdjustedFen: change.cumulativeAdjustedFen,
          limitFen: change.limitFen,
          ...(change.route === 'filing' ? {} : { round, reapprovalReasons: change.reapprovalReasons }),
          ...(workflow === 'budget' ? { budgetReview: change.budgetReview, round } : {}),
        },
        with: [deps.records.put('change', change, 'new'), ...applied, ...remember(change)],
      });
      if (workflow && round) await deps.workflows.start({ workflow, projectId: project.id, round });
      return change;
    },
  );
