import * as z from 'zod';
import { ReviewKindSchema } from '#shared/domain/project.schema.ts';
import { logger } from '#shared/observability/logger.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { notices } from '#shared/store/escalation-notices.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflowDeps } from '#shared/use-cases/deps.ts';
import { concludeApproval, recordWorkflowFailure } from '#shared/use-cases/reviews/conclude-approval.ts';
import { escalateReview } from '#shared/use-cases/reviews/escalate-review.ts';
import { openReview } from '#shared/use-cases/reviews/open-review.ts';

const Base = { projectId: z.string().min(1), submission: z.number().int().positive() };

/** Every step the approval state machine asks of this function, one schema per step. */
export const ApprovalStepSchema = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('open-review'),
    kind: ReviewKindSchema,
    taskToken: z.string().min(1),
    timeoutSeconds: z.number().int().positive(),
    ...Base,
  }),
  z.object({ step: z.literal('escalate'), kind: ReviewKindSchema, ...Base }),
  z.object({ step: z.literal('conclude'), outcome: z.enum(['approved', 'rejected', 'returned']), ...Base }),
  z.object({
    step: z.literal('record-failure'),
    failure: z.object({ Error: z.string().default('Unknown'), Cause: z.string().default('') }),
    ...Base,
  }),
]);
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;

const assertNever = (value: never): never => {
  throw new Error(`Unhandled step ${JSON.stringify(value)}`);
};

const dependencies = workflowDeps({ calendar, notices, projects, tasks });

/** The approval workflow's task steps; the state machine (infra/constructs/workflows.ts) says when each runs. */
export const handler = async (event: unknown) => {
  const step = ApprovalStepSchema.parse(event);
  const deps = dependencies();
  logger.appendKeys({ step: step.step, projectId: step.projectId, submission: step.submission });
  try {
    switch (step.step) {
      case 'open-review':
        return await openReview(step, deps);
      case 'escalate':
        return await escalateReview(step, deps);
      case 'conclude':
        return await concludeApproval(step, deps);
      case 'record-failure':
        return await recordWorkflowFailure({ ...step, error: step.failure.Error, cause: step.failure.Cause }, deps);
      default:
        return assertNever(step);
    }
  } finally {
    logger.resetKeys();
  }
};
