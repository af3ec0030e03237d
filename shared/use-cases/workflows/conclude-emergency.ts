import { WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import { onApprovalTrack } from '#shared/domain/stages.ts';
import { taskId } from '#shared/domain/workflow.ts';
import { recordBuiltWithoutApproval } from '../obligations/built-without-approval.ts';
import type { Conclusion } from './conclusion.ts';

/**
 * The Data Bureau's confirmation of an emergency (ART15) ends. Approved, the emergency is
 * confirmed. Denied, it is void: a project still on the approval track built without approval
 * (ART07 未批先建), which its finding, its construction hold and the cancelled duties record
 * until the project is approved. A project approved meanwhile built lawfully from its approval
 * on: the denial is recorded, nothing more.
 */
export const concludeEmergency: Conclusion = async ({ project, round, outcome, actor, at }, deps) => {
  if (!project.emergency || outcome === 'returned') return { set: {}, with: [], details: {} };
  const task = await deps.tasks.get(taskId(project.id, 'emergency', round.round, WORKFLOWS.emergency.first));
  const confirmation = {
    status: outcome === 'approved' ? ('confirmed' as const) : ('voided' as const),
    by: task?.decision?.decidedBy ?? null,
    at,
  };
  const set = { emergency: { ...project.emergency, confirmation } };
  if (outcome === 'approved' || !onApprovalTrack(project.stage)) {
    return { set, with: [], details: { emergency: confirmation.status } };
  }
  const built = await recordBuiltWithoutApproval(project, '紧急项目未获县数据局认定', actor, at, deps);
  return { set, with: built.items, details: { emergency: confirmation.status, ...built.details } };
};
