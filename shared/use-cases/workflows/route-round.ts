import { routing, stateName, type WorkflowInput } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';

/**
 * The Route step, once a round's first review approved: which of the workflow's parallel reviews
 * apply to the project as it now stands (a correction by the technical review re-routes it) or
 * to the change it re-approves, keyed by the reviews' state names in the ASL.
 */
export const routeRound = async (
  input: WorkflowInput,
  deps: Pick<Deps, 'projects' | 'records' | 'policy'>,
): Promise<Record<string, boolean>> => {
  const project = await deps.projects.get(input.projectId);
  if (!project) throw new Error(`Project ${input.projectId} does not exist`);
  // A change's re-approval is routed on the change's figures (ART22).
  const changeId = project.rounds[input.workflow]?.changeId;
  const change = changeId ? await deps.records.get('change', project.id, changeId) : undefined;
  const applies = routing(input.workflow, project, deps.policy, change);
  return Object.fromEntries(Object.entries(applies).map(([kind, on]) => [stateName(kind as never), on === true]));
};
