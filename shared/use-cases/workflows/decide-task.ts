import { acceptanceGates } from '#shared/domain/acceptance.ts';
import { canSee } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { isEmergencyProcedure } from '#shared/domain/emergency.ts';
import { ConflictError, NotFoundError, refuseIfAny } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { type DecisionInput, decisionAuthority, decisionViolations, type Task } from '#shared/domain/review.ts';
import { REVIEWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { reconcileEmergencyDuties } from '../obligations/emergency-duties.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { startClock } from '../obligations/start-clock.ts';
import type { PendingWrite } from '../ports.ts';

type DecideDeps = Pick<
  Deps,
  | 'tasks'
  | 'projects'
  | 'documents'
  | 'records'
  | 'departments'
  | 'obligations'
  | 'calendar'
  | 'workflows'
  | 'policy'
  | 'now'
>;

/**
 * A reviewer's decision: checked (role, separation of duties, checklist, opinion document,
 * budget), recorded exactly once together with the project's audit event and what the decision
 * starts or settles, and only then handed to the waiting workflow. A decision that lost a race is
 * read again: if another decision won, the answer is 409.
 */
export const decideTask = (input: { taskId: string; actor: Actor; decision: DecisionInput }, deps: DecideDeps) =>
  retryOnConflict(() => decideOnce(input, deps));

/** What must be on record before acceptance completes (ART24, ART21), as of today. */
const gatesOf = async (project: Project, deps: DecideDeps) => {
  const [records, drills] = await Promise.all([
    deps.records.all(project.id),
    deps.departments.drills(project.ownerDeptId),
  ]);
  return acceptanceGates(records, drills, shanghaiDate(deps.now()), deps.policy);
};

const decideOnce = async (
  input: { taskId: string; actor: Actor; decision: DecisionInput },
  deps: DecideDeps,
): Promise<Task> => {
  const { actor, decision } = input;
  const task = await deps.tasks.get(input.taskId);
  const project = task ? await deps.projects.get(task.projectId) : undefined;
  if (!task || !project) throw new NotFoundError('No such task.');
  if (!canSee(actor, project) && !actor.roles.includes(task.role as never)) throw new NotFoundError('No such task.');
  const { conflictOfInterest } = decisionAuthority(actor, task);
  if (task.status !== 'open') throw new ConflictError(`The task is ${task.status}.`);
  const round = project.rounds[task.workflow];
  if (round?.round !== task.round || round.status !== 'running' || !project.openReviews.includes(task.kind)) {
    throw new ConflictError(`The project is ${project.stage}; this review no longer applies.`);
  }
  const now = deps.now();
  if (now.toISOString() >= task.expiresAt) throw new ConflictError('The task has expired; it will be re-opened.');

  const [opinion, change] = await Promise.all([
    decision.opinionDocumentId ? deps.documents.get(project.id, decision.opinionDocumentId) : undefined,
    task.changeId ? deps.records.get('change', project.id, task.changeId) : undefined,
  ]);
  refuseIfAny(
    decisionViolations(task.kind, decision, {
      project,
      task,
      actor,
      // A change's re-approval judges the change's new total (ART22).
      totalFen: change?.newTotalInvestmentFen ?? project.totalInvestmentFen,
      opinionDocument: opinion,
      gates: REVIEWS[task.kind].gatedOnRecords && decision.decision === 'approve' ? await gatesOf(project, deps) : [],
    }),
  );

  const at = now.toISOString();
  const approved = decision.decision === 'approve';
  const recorded = { ...decision, decidedBy: actor.sub, decidedByName: actor.name, decidedAt: at };
  // A finance approval's budget applies with its round, if the round is approved (ART14).
  const approvedBudgetFen =
    REVIEWS[task.kind].statesBudget && approved ? (decision.approvedBudgetFen ?? null) : undefined;
  const set: Partial<Project> = {
    openReviews: project.openReviews.filter((kind) => kind !== task.kind),
    rounds: {
      ...project.rounds,
      [task.workflow]: {
        ...round,
        passed: approved ? [...new Set([...round.passed, task.kind])] : round.passed,
        ...(approvedBudgetFen !== undefined ? { approvedBudgetFen } : {}),
      },
    },
    // ART13/ART07: the technical review's correction of the routing flags applies with its decision.
    ...(decision.classification ?? {}),
  };
  const items: PendingWrite[] = [];
  const details: Record<string, unknown> = {};
  if (approvedBudgetFen !== undefined) {
    // ART14: the owner files the approval with the Data Bureau within 3 working days of receiving it.
    const filing = await startClock(
      { project, code: 'ART14-BUDGET-FILING', key: `${task.workflow}-${task.round}`, from: shanghaiDate(now), at },
      deps,
    );
    items.push(deps.obligations.open(filing));
    Object.assign(details, { approvedBudgetFen, budgetFilingDue: filing.dueDate });
  }
  if (project.constructionStartedAt) {
    // ART15: an emergency project already building has passed this procedure; a correction may change what it owes.
    // Only a review of the approval round can be an ART15 procedure; one read of the duties serves both.
    const fulfils = approved && isEmergencyProcedure(task.kind);
    const duties = fulfils || project.emergency ? await deps.obligations.ofProject(project.id) : undefined;
    const done = fulfils
      ? await fulfil(project, 'ART15-EMERGENCY', [task.kind], actor, at, deps, duties)
      : { items: [] };
    const owed = await reconcileEmergencyDuties({ ...project, ...set }, actor, at, deps, duties);
    // A procedure done in the running round is never cancelled by the count, so the two never touch one duty.
    items.push(...done.items, ...owed.items);
  }
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
      conflictOfInterest,
      ...(decision.classification
        ? {
            classification: {
              from: {
                keyProject: project.keyProject,
                involvesConstruction: project.involvesConstruction,
                scope: project.scope,
              },
              to: decision.classification,
            },
          }
        : {}),
      ...details,
    },
    set,
    with: [
      deps.tasks.put(
        { ...task, status: 'decided', decision: recorded, conflictOfInterest },
        { token: task.token, status: 'open' },
      ),
      ...items,
    ],
  });
  await deps.workflows.sendDecision(task.token, { decision: decision.decision });
  const {
    token: _token,
    expiresAt: _expires,
    ownerDeptId: _owner,
    ownerBureauRole: _bureau,
    submittedBy: _by,
    ...visible
  } = task;
  return { ...visible, status: 'decided', decision: recorded, conflictOfInterest };
};
