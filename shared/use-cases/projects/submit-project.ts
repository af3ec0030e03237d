import { approvalInput } from '#shared/domain/approval.ts';
import { ForbiddenError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { taskId } from '#shared/domain/review.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole } from '#shared/domain/roles.ts';
import { annualPlanWarnings, declarationViolations } from '#shared/domain/rules/declaration.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { retryOnConflict } from '../retry.ts';
import { assertStage, EDITABLE_STAGES, loadVisible } from './project-access.ts';

/**
 * Declares the project (申报): every declaration rule is checked and every violation reported
 * at once; then the project enters technical review and the approval workflow starts. The
 * stage change and its audit event are one transaction; the workflow start after it is
 * idempotent per submission, so a retry after a failed start starts it, never twice.
 */
const submitProjectOnce = async (
  input: { id: string; actor: Actor },
  deps: Pick<
    Deps,
    'projects' | 'documents' | 'departments' | 'annualPlans' | 'approval' | 'obligations' | 'tasks' | 'policy' | 'now'
  >,
): Promise<Project> => {
  const { actor } = input;
  const project = await loadVisible(input.id, actor, deps);
  if (actor.deptId !== project.ownerDeptId || !hasAnyRole(actor, DEPARTMENT_ROLES)) {
    throw new ForbiddenError('Only the lead department submits the declaration (ART11).');
  }
  if (
    project.stage === 'tech-review' &&
    !(await deps.tasks.get(taskId(project.id, project.submissions, 'tech-review')))
  ) {
    // Declared, but the workflow start failed after the transaction: submitting again starts it
    // (the start is idempotent per submission, so a running one is never doubled).
    await deps.approval.start(approvalInput(project, deps.policy));
    return project;
  }
  assertStage(project, EDITABLE_STAGES, 'submit');
  const [department, documents, plan] = await Promise.all([
    deps.departments.get(project.ownerDeptId),
    deps.documents.list(project.id),
    deps.annualPlans.get(project.year),
  ]);
  const [first, ...rest] = declarationViolations(project, { department, documents });
  if (first) throw new RuleViolationError([first, ...rest]);

  const at = deps.now().toISOString();
  const set = {
    stage: 'tech-review',
    openReviews: ['tech-review'],
    submittedBy: actor.sub,
    submittedAt: at,
    submissions: project.submissions + 1,
    warnings: annualPlanWarnings(project, plan),
  } satisfies Partial<Project>;
  const route = approvalInput({ ...project, ...set }, deps.policy);
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
      submission: set.submissions,
      reviews: route.reviews,
      documents: documents
        .filter((d) => d.status === 'verified')
        .map((d) => ({ id: d.id, kind: d.kind, sha256: d.sha256 })),
    },
    set,
    with: emergency.items,
  });
  await deps.approval.start(route);
  return saved;
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const submitProject = (
  input: Parameters<typeof submitProjectOnce>[0],
  deps: Parameters<typeof submitProjectOnce>[1],
) => retryOnConflict(() => submitProjectOnce(input, deps));
