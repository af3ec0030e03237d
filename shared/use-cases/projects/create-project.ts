import { randomUUID } from 'node:crypto';
import { ConcurrentModificationError, ForbiddenError, refuseIfAny } from '#shared/domain/errors.ts';
import { keptEmergency, type Project, type ProjectInput } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { annualPlanWarnings, scopeViolations } from '#shared/domain/rules/declaration.ts';
import { INITIAL_STAGE } from '#shared/domain/stages.ts';
import type { Deps } from '../deps.ts';
import { idempotent } from '../idempotent.ts';

/** Registers a draft for the caller's department; what the measures exclude is refused at once (ART02, ART07, ART08). */
export const createProject = async (
  input: { actor: Actor; body: ProjectInput; idempotencyKey: string | undefined },
  deps: Pick<Deps, 'projects' | 'idempotency' | 'annualPlans' | 'now'>,
): Promise<Project> => {
  const { actor, body, idempotencyKey } = input;
  const deptId = actor.deptId;
  if (!deptId) throw new ForbiddenError('A department role acts for a department: the token carries no dept.');
  refuseIfAny(scopeViolations(body, deptId));

  return idempotent<Project>(
    { actor, scope: 'create-project', key: idempotencyKey, request: body },
    deps,
    async (remember, replay) => {
      const at = deps.now().toISOString();
      const project: Project = {
        ...body,
        emergency: keptEmergency(body.emergency),
        id: randomUUID(),
        code: '',
        ownerDeptId: deptId,
        stage: INITIAL_STAGE,
        openReviews: [],
        version: 1,
        createdAt: at,
        updatedAt: at,
        createdBy: actor.sub,
        submittedBy: null,
        submittedAt: null,
        warnings: annualPlanWarnings({ ...body, ownerDeptId: deptId }, await deps.annualPlans.get(body.year)),
        signOff: null,
        confirmations: {},
        rounds: {},
        approvedBy: [],
        approvedEstimateFen: null,
        approvedBudgetFen: null,
        approvedOn: null,
        constructionStartedAt: null,
        completedOn: null,
        acceptedOn: null,
        filedOn: null,
        decommissionedOn: null,
      };
      return deps.projects.create(
        {
          after: project,
          event: { at, actor, action: 'project.created', from: null, to: INITIAL_STAGE, details: {} },
          with: ({ eventSeq: _seq, eventHead: _head, ...response }) => remember(response),
        },
        async () => {
          // The same key at once: stop, so that the retry answers what the winner created.
          if (await replay()) throw new ConcurrentModificationError('This Idempotency-Key was used at once.');
        },
      );
    },
  );
};
