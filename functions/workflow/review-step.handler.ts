import middy from '@middy/core';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { WorkflowStepSchema } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { failureLog, requestContext } from '#shared/observability/request-context.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { notices } from '#shared/store/escalation-notices.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflowDeps } from '#shared/use-cases/deps.ts';
import { concludeRound, recordWorkflowFailure } from '#shared/use-cases/workflows/conclude-round.ts';
import { escalateReview } from '#shared/use-cases/workflows/escalate-review.ts';
import { openReview } from '#shared/use-cases/workflows/open-review.ts';
import { routeRound } from '#shared/use-cases/workflows/route-round.ts';

const assertNever = (value: never): never => {
  throw new Error(`Unhandled step ${JSON.stringify(value)}`);
};

const dependencies = workflowDeps(TRIGGER_ADAPTERS.reviewStep, {
  calendar,
  departments,
  findings,
  notices,
  obligations,
  projects,
  records,
  tasks,
});

/**
 * The task steps of every review workflow (approval, acceptance); each state machine
 * (infra/workflows/review-workflow.asl.ts) says when each runs. One schema per step payload.
 */
export const handler = middy<unknown, unknown>()
  .use(requestContext())
  .use(failureLog())
  .handler(async (event) => {
    const step = WorkflowStepSchema.parse(event);
    const deps = dependencies();
    logger.appendKeys({ step: step.step, workflow: step.workflow, projectId: step.projectId, round: step.round });
    switch (step.step) {
      case 'open-review':
        return await openReview(step, deps);
      case 'escalate':
        return await escalateReview(step, deps);
      case 'route':
        return await routeRound(step, deps);
      case 'conclude':
        return await concludeRound(step, deps);
      case 'record-failure':
        return await recordWorkflowFailure({ ...step, error: step.failure.Error, cause: step.failure.Cause }, deps);
      default:
        return assertNever(step);
    }
  });
