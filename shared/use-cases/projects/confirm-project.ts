import { ForbiddenError } from '#shared/domain/errors.ts';
import { assertStage } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { idempotent } from '../idempotent.ts';
import { loadVisible } from './project-access.ts';

/** ART11: a co-building department's head confirms the joint declaration for that department. */
export const confirmProject = async (
  input: { id: string; actor: Actor; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'idempotency' | 'now'>,
): Promise<Project> => {
  const { actor } = input;
  const request = { id: input.id };
  return idempotent<Project>(
    { actor, scope: 'confirm-project', key: input.idempotencyKey, request },
    deps,
    (remember, replay) =>
      // A change landing meanwhile is read again, unless it was this same request under its key.
      retryOnConflict(async () => {
        const earlier = await replay();
        if (earlier) return earlier;
        const project = await loadVisible(input.id, actor, deps);
        const deptId = actor.deptId;
        if (!deptId || !project.coBuilderDeptIds.includes(deptId) || !hasAnyRole(actor, ['dept-head'])) {
          throw new ForbiddenError('Only the head of a co-building department confirms a joint declaration (ART11).');
        }
        assertStage('confirm', project);
        const at = deps.now().toISOString();
        return deps.projects.save({
          project,
          actor,
          action: 'project.confirmed',
          at,
          set: { confirmations: { ...project.confirmations, [deptId]: { by: actor.sub, name: actor.name, at } } },
          details: { deptId },
          with: ({ eventSeq: _seq, eventHead: _head, ...response }) => remember(response),
        });
      }),
  );
};
