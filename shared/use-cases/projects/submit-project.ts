import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, ForbiddenError, refuseIfAny } from '#shared/domain/errors.ts';
import { assertStage, nextStage } from '#shared/domain/lifecycle.ts';
import { validityWarnings } from '#shared/domain/policy.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { openElsewhere, WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole } from '#shared/domain/roles.ts';
import { annualPlanWarnings, declarationViolations } from '#shared/domain/rules/declaration.ts';
import { isDeclaring } from '#shared/domain/stages.ts';
import { routing, runningRound } from '#shared/domain/workflow.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { idempotent, type Remember } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadVisible } from './project-access.ts';

type SubmitDeps = Pick<
  Deps,
  | 'projects'
  | 'documents'
  | 'departments'
  | 'annualPlans'
  | 'workflows'
  | 'obligations'
  | 'idempotency'
  | 'policy'
  | 'now'
>;

/**
 * Declares the project (申报): every declaration rule is checked and every violation reported at
 * once; then the project enters technical review and a new round of the approval workflow starts.
 * The stage change and its audit event are one transaction; the workflow start after it is
 * idempotent per round. A second submission of a declared project is a duplicate: 409, never a
 * second 202 (the same Idempotency-Key replays the first answer). If the first one's workflow
 * start failed after its transaction, the duplicate starts it before it answers.
 */
export const submitProject = (
  input: { id: string; actor: Actor; idempotencyKey?: string | undefined },
  deps: SubmitDeps,
): Promise<Project> =>
  idempotent<Project>(
    { actor: input.actor, scope: 'submit-project', key: input.idempotencyKey, request: { id: input.id } },
    deps,
    (remember, replay) =>
      // A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409.
      retryOnConflict(async () => (await replay()) ?? submitOnce(input, deps, remember)),
  );

const submitOnce = async (
  input: { id: string; actor: Actor },
  deps: SubmitDeps,
  remember: Remember<Project>,
): Promise<Project> => {
  const { actor } = input;
  const project = await loadVisible(input.id, actor, deps);
  if (actor.deptId !== project.ownerDeptId || !hasAnyRole(actor, DEPARTMENT_ROLES)) {
    throw new ForbiddenError('Only the lead department submits the declaration (ART11).');
  }
  const current = project.rounds.approval;
  if (!isDeclaring(project.stage) && current?.status === 'running' && current.changeId === null) {
    // Declared already: this request is a duplicate. Its round's workflow is started (idempotent)
    // in case the first submission's start failed after its transaction.
    await deps.workflows.start({ workflow: 'approval', projectId: project.id, round: current.round });
    throw new ConflictError(`The project was already submitted (round ${current.round}); its review is under way.`);
  }
  assertStage('submit', project);
  const [department, documents, plan] = await Promise.all([
    deps.departments.get(project.ownerDeptId),
    deps.documents.list(project.id),
    deps.annualPlans.get(project.year),
  ]);
  refuseIfAny(declarationViolations(project, { department, documents }));

  const now = deps.now();
  const at = now.toISOString();
  const round = (current?.round ?? 0) + 1;
  const set = {
    stage: nextStage('submit'),
    openReviews: [...openElsewhere(project.openReviews, 'approval'), WORKFLOWS.approval.first],
    submittedBy: actor.sub,
    submittedAt: at,
    rounds: { ...project.rounds, approval: runningRound(round) },
    warnings: [...annualPlanWarnings(project, plan), ...validityWarnings(deps.policy, shanghaiDate(now))],
  } satisfies Partial<Project>;
  // ART15: an emergency project already building has now made its declaration.
  const emergency = project.constructionStartedAt
    ? await fulfil(project, 'ART15-EMERGENCY', ['declaration'], actor, at, deps)
    : { items: [] };
  const saved = await deps.projects.save({
    project,
    at,
    actor,
    action: 'project.submitted',
    details: {
      round,
      reviews: routing('approval', project, deps.policy),
      warnings: set.warnings.map((w) => w.code),
      documents: documents
        .filter((d) => d.status === 'verified')
        .map((d) => ({ id: d.id, kind: d.kind, sha256: d.sha256 })),
    },
    set,
    with: ({ eventSeq: _seq, eventHead: _head, ...response }) => [...emergency.items, ...remember(response)],
  });
  await deps.workflows.start({ workflow: 'approval', projectId: project.id, round });
  return saved;
};
