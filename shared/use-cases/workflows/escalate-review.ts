import { REVIEWS, type ReviewKind } from '#shared/domain/review-catalogue.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import { taskId, type WorkflowInput } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { workflowActor } from './workflow-actor.ts';

/**
 * A review waited past its timeout. If its decision was recorded while the timeout fired, that
 * decision is handed back to the workflow; otherwise the task expires, the escalation is
 * recorded and announced on the escalation topic, and the workflow opens the task again with a
 * fresh token.
 */
export const escalateReview = async (
  input: WorkflowInput & { kind: ReviewKind },
  deps: Pick<Deps, 'projects' | 'tasks' | 'notices' | 'policy' | 'now'>,
): Promise<{ decision?: string; exhausted?: true }> =>
  retryOnConflict(async () => {
    const id = taskId(input.projectId, input.workflow, input.round, input.kind);
    const [project, task] = await Promise.all([deps.projects.get(input.projectId), deps.tasks.get(id)]);
    if (!project || !task) throw new Error(`Task ${id} does not exist`);
    if (task.status === 'decided' && task.decision) return { decision: task.decision.decision };
    const rule = REVIEWS[input.kind].rule;
    const notice = (escalation: number) =>
      deps.notices.announce({
        projectId: project.id,
        projectCode: project.code,
        projectName: project.name,
        taskId: id,
        role: task.role,
        code: rule,
        article: RULES[rule].article,
        dueDate: task.dueDate,
        escalation,
      });
    if (task.status === 'expired') {
      // A retry after the escalation was recorded: the announcement may not have gone out, so it
      // goes again (at least once; a head may read it twice, never miss it).
      await notice(task.escalations);
      return task.escalations >= deps.policy.maxEscalations ? { exhausted: true } : {};
    }

    const at = deps.now().toISOString();
    await deps.projects.save({
      project,
      at,
      actor: workflowActor(input.workflow),
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
    await notice(task.escalations + 1);
    logger.warn('review escalated', { taskId: id, role: task.role, projectId: project.id, code: project.code });
    return task.escalations + 1 >= deps.policy.maxEscalations ? { exhausted: true } : {};
  });
