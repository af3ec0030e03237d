import { randomUUID } from 'node:crypto';
import { ForbiddenError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project, ProjectInput } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { annualPlanWarnings, scopeViolations } from '#shared/domain/rules/declaration.ts';
import { requestHash } from '#shared/store/idempotency-repository.ts';
import type { Deps } from '../deps.ts';

const SCOPE = 'create-project';

/** Registers a draft for the caller's department; what the measures exclude is refused at once (ART02, ART07, ART08). */
export const createProject = async (
  input: { actor: Actor; body: ProjectInput; idempotencyKey: string | undefined },
  deps: Pick<Deps, 'projects' | 'idempotency' | 'annualPlans' | 'now'>,
): Promise<Project> => {
  const { actor, body, idempotencyKey } = input;
  if (!actor.deptId) throw new ForbiddenError('A department role acts for a department: the token carries no dept.');
  const [first, ...rest] = scopeViolations(body, actor.deptId);
  if (first) throw new RuleViolationError([first, ...rest]);

  const hash = requestHash(body);
  const replay = () =>
    idempotencyKey ? deps.idempotency.replay<Project>(actor.sub, SCOPE, idempotencyKey, hash) : undefined;
  const earlier = await replay();
  if (earlier) return earlier;

  const now = deps.now();
  const at = now.toISOString();
  const project: Project = {
    ...body,
    id: randomUUID(),
    code: '',
    ownerDeptId: actor.deptId,
    stage: 'draft',
    openReviews: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: actor.sub,
    submittedBy: null,
    submittedAt: null,
    submissions: 0,
    warnings: annualPlanWarnings({ ...body, ownerDeptId: actor.deptId }, await deps.annualPlans.get(body.year)),
    signOff: null,
    confirmations: {},
    approvedBudgetFen: null,
    constructionStartedAt: null,
  };
  class AlreadyCreated extends Error {
    constructor(readonly project: Project) {
      super('already created');
    }
  }
  try {
    return await deps.projects.create(
      {
        after: project,
        event: { at, actor, action: 'project.created', from: null, to: 'draft', details: {} },
        with: (stored) => {
          if (!idempotencyKey) return [];
          const { eventSeq: _seq, eventHead: _head, ...response } = stored;
          return [deps.idempotency.record(actor.sub, SCOPE, idempotencyKey, hash, response, now)];
        },
      },
      async () => {
        // Two requests with the same key at once: the loser answers what the winner created.
        const winner = await replay();
        if (winner) throw new AlreadyCreated(winner);
      },
    );
  } catch (error) {
    if (error instanceof AlreadyCreated) return error.project;
    throw error;
  }
};
