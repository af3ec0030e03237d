import { routing, stateName, type WorkflowInput } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';

/**
 * The Route step, once a round's first review approved: which of the workflow's parallel reviews
 * apply to the project as it now stands (a correction by the technical review re-routes it),
 * keyed by the reviews' state names in the ASL.
 */
export const routeRound = async (
  input: WorkflowInput,
  deps: Pick<Deps, 'projects' | 'policy'>,
): Promise<Record<string, boolean>> => {
  const project = await deps.projects.get(input.projectId);
  if (!project) throw new Error(`Project ${input.projectId} does not exist`);
  const applies = routing(input.workflow, project, deps.policy);
  return Object.fromEntries(Object.entries(applies).map(([kind, on]) => [stateName(kind as never), on === true]));
};
