import type { ReviewKind } from '#shared/domain/project.schema.ts';
import { taskId } from '#shared/domain/review.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Deps } from '../deps.ts';
import { retryOnConflict } from '../retry.ts';
import { WORKFLOW_ACTOR } from './open-review.ts';

/**
 * A review waited past its timeout. If its decision was recorded while the timeout fired, that
 * decision is handed back to the workflow; otherwise the task expires, the escalation is
 * recorded and announced, and the workflow opens the task again with a fresh token.
 */
export const escalateReview = async (
  input: { kind: ReviewKind; projectId: string; submission: number },
  deps: Pick<Deps, 'projects' | 'tasks' | 'policy' | 'now'>,
): Promise<{ decision?: string; exhausted?: true }> =>
  retryOnConflict(async () => {
    const id = taskId(input.projectId, input.submission, input.kind);
    const [project, task] = await Promise.all([deps.projects.get(input.projectId), deps.tasks.get(id)]);
    if (!project || !task) throw new Error(`Task ${id} does not exist`);
    if (task.status === 'decided' && task.decision) return { decision: task.decision.decision };
    if (task.status === 'expired') return task.escalations >= deps.policy.maxEscalations ? { exhausted: true } : {};

    const at = deps.now().toISOString();
    await deps.projects.save({
      project,
      at,
      actor: WORKFLOW_ACTOR,
      action: 'review.escalated',
      details: {
        kind: input.kind,
        taskId: id,
        role: task.role,
        dueDate: task.dueDate,
        escalation: task.escalations + 1,
      },
      with: [
        deps.tasks.put(
          { ...task, status: 'expired', escalations: task.escalations + 1 },
          { token: task.token, status: task.status },
        ),
      ],
    });
    // The notice the head of the reviewing bureau acts on; alarms subscribe to this log line.
    logger.warn('review escalated', { taskId: id, role: task.role, projectId: project.id, code: project.code });
    return task.escalations + 1 >= deps.policy.maxEscalations ? { exhausted: true } : {};
  });
