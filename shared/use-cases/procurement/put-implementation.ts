import type * as z from 'zod';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { ImplementationInputSchema, ImplementationSchema } from '#shared/domain/procurement.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner } from '../projects/owner-action.ts';

type Implementation = z.infer<typeof ImplementationSchema>;

/** ART19: the owner names the implementing body and the project's responsible person (replacing earlier ones). */
export const putImplementation = (
  input: { id: string; actor: Actor; implementation: z.infer<typeof ImplementationInputSchema> },
  deps: Pick<Deps, 'projects' | 'records' | 'obligations' | 'now'>,
): Promise<Implementation> =>
  retryOnConflict(async () => {
    const project = await loadForOwner({ id: input.id, actor: input.actor, action: 'implementation' }, deps);
    const at = deps.now().toISOString();
    const implementation: Implementation = {
      ...input.implementation,
      id: SINGLE,
      projectId: project.id,
      ...recorded(input.actor, at),
    };
    const emergency = await fulfil(project, 'ART15-EMERGENCY', ['implementation'], input.actor, at, deps);
    await deps.projects.save({
      project,
      at,
      actor: input.actor,
      action: 'construction.implementation-named',
      details: { ...input.implementation },
      with: [deps.records.put('implementation', implementation, 'any'), ...emergency.items],
    });
    return implementation;
  });
