import { canSee } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { assertMayDecide, type DecisionInput, decisionViolations, type Task } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { sendDecision } from '#shared/store/task-callbacks.ts';
import { TransactionRefused } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { startClock } from '../obligations/start-clock.ts';

/**
 * A reviewer's decision: checked (role, separation of duties, checklist, opinion document,
 * budget), recorded exactly once together with the project's audit event (and, when finance
 * approves, the ART14 budget-filing obligation), and only then handed to the waiting workflow.
 */
export const decideTask = async (
  input: { taskId: string; actor: Actor; decision: DecisionInput },
  deps: Pick<Deps, 'tasks' | 'projects' | 'documents' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Task> => {
  const { actor, decision } = input;
  for (let attempt = 1; ; attempt++) {
    const task = await deps.tasks.get(input.taskId);
    const project = task ? await deps.projects.get(task.projectId) : undefined;
    if (!task || !project) throw new NotFoundError('No such task.');
    if (!canSee(actor, project) && !actor.roles.includes(task.role as never)) throw new NotFoundError('No such task.');
    assertMayDecide(actor, task);
    if (task.status !== 'open') throw new ConflictError(`The task is ${task.status}.`);
    if (task.submission !== project.submissions || !['tech-review', 'approval-review'].includes(project.stage)) {
      throw new ConflictError(`The project is ${project.stage}; this review no longer applies.`);
    }
    const now = deps.now();
    if (now.toISOString() >= task.expiresAt) throw new ConflictError('The task has expired; it will be re-opened.');

    const opinion = decision.opinionDocumentId
      ? await deps.documents.get(project.id, decision.opinionDocumentId)
      : undefined;
    const [first, ...rest] = decisionViolations(task.kind, decision, project, opinion);
    if (first) throw new RuleViolationError([first, ...rest]);

    const at = now.toISOString();
    const recorded = { ...decision, decidedBy: actor.sub, decidedByName: actor.name, decidedAt: at };
    const financeApproved = task.kind === 'finance-review' && decision.decision === 'approve';
    const obligations: Obligation[] = [];
    if (financeApproved) {
      // ART14: the owner files the approval with the Data Bureau within 3 working days of receiving it.
      const from = shanghaiDate(now);
      obligations.push(
        await startClock(
          {
            project,
            code: 'ART14-BUDGET-FILING',
            key: `submission-${task.submission}`,
            description: '向县数据局报备预算批复 (file the budget approval with the Data Bureau)',
            from,
            workingDays: deps.policy.budgetFilingWorkingDays,
            at,
          },
          deps,
        ),
      );
    }
    // ART15: an emergency project already building has now passed this procedure.
    const emergency =
      project.constructionStartedAt && decision.decision === 'approve'
        ? await fulfil(project, 'ART15-EMERGENCY', [task.kind], actor, at, deps)
        : { items: [] };
    try {
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'review.decided',
        details: {
          kind: task.kind,
          taskId: task.id,
          decision: decision.decision,
          opinion: decision.opinion,
          checklist: decision.checklist,
          opinionDocumentId: decision.opinionDocumentId ?? null,
          opinionDocumentSha256: opinion?.sha256 ?? null,
          ...(financeApproved
            ? { approvedBudgetFen: decision.approvedBudgetFen, budgetFilingDue: obligations[0]?.dueDate }
            : {}),
        },
        set: {
          openReviews: project.openReviews.filter((kind) => kind !== task.kind),
          ...(financeApproved ? { approvedBudgetFen: decision.approvedBudgetFen ?? null } : {}),
        },
        with: [
          deps.tasks.put({ ...task, status: 'decided', decision: recorded }, { token: task.token, status: 'open' }),
          ...obligations.map((o) => deps.obligations.open(o)),
          ...emergency.items,
        ],
      });
    } catch (error) {
      // Lost to another writer: if it was another decision, the re-read answers 409; else try again.
      if ((error instanceof ConflictError || error instanceof TransactionRefused) && attempt < 5) continue;
      throw error;
    }
    await sendDecision(task.token, { decision: decision.decision });
    const { token: _token, expiresAt: _expires, ownerDeptId: _owner, submittedBy: _by, ...visible } = task;
    return { ...visible, status: 'decided', decision: recorded };
  }
};
