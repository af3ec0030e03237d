import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { WORKFLOWS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import { executionName, type WorkflowInput } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { traced } from '#shared/observability/tracer.ts';
import { retry } from '#shared/retry.ts';
import type { Workflows } from '#shared/use-cases/ports.ts';

/** Created once per cold start; the endpoint comes from AWS_ENDPOINT_URL_SFN locally. */
const client = traced(new SFNClient({}));

const NOT_WAITING = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];

/**
 * The Step Functions workflows (approval, acceptance): starting a round, and handing a recorded
 * decision to the step waiting for it. One execution per round, named after it, so a retried
 * start is the same execution, never a second.
 */
export const workflowEngine = (stateMachines: Partial<Record<WorkflowKind, string>>) => {
  const machineOf = (workflow: WorkflowKind) => {
    const stateMachineArn = stateMachines[workflow];
    if (!stateMachineArn) throw new Error(`This function has no ${workflow} state machine to start.`);
    return stateMachineArn;
  };
  const start = async (input: WorkflowInput): Promise<void> => {
    const stateMachineArn = machineOf(input.workflow);
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: executionName(input),
          // The review the round opens with is always named: the ASL's Opening choice reads it.
          input: JSON.stringify({ ...input, kind: input.kind ?? WORKFLOWS[input.workflow].first }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
  return {
    start,

    /**
     * Starts the round's execution unless it exists (StartExecution alone cannot tell: it answers
     * a running execution of the same name and input as if it had started it). True when this call
     * started it: a round whose start was lost in a crash after its transaction.
     */
    async startIfMissing(input: WorkflowInput): Promise<boolean> {
      const stateMachineArn = machineOf(input.workflow);
      const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName(input)}`;
      try {
        await client.send(new DescribeExecutionCommand({ executionArn }));
        return false;
      } catch (error) {
        if (!(error instanceof ExecutionDoesNotExist)) throw error;
      }
      await start(input);
      return true;
    },

    /**
     * Hands a recorded decision to the waiting step, retrying transient failures. False when the
     * step no longer waits (its timeout fired, its branch was cancelled) or could not be reached:
     * the decision is recorded, and the escalation step delivers it when the timeout fires. A
     * recorded decision never becomes an error for the reviewer.
     */
    async sendDecision(token: string, output: unknown): Promise<boolean> {
      try {
        await retry(
          () => client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) })),
          {
            attempts: 4,
            retryable: (error) => !NOT_WAITING.includes((error as Error).name),
            delayMs: (attempt) => 100 * 2 ** attempt,
          },
        );
        return true;
      } catch (error) {
        const name = (error as Error).name;
        if (!NOT_WAITING.includes(name)) {
          logger.error('decision recorded but not delivered; escalation will deliver it', { error: name });
        }
        return false;
      }
    },
  };
};
// The store is what its port asks for (the compiler holds the two together).
workflowEngine satisfies (stateMachines: Partial<Record<WorkflowKind, string>>) => Workflows;

/** The `workflows` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const workflows = (env: {
  readonly APPROVAL_STATE_MACHINE_ARN?: string;
  readonly ACCEPTANCE_STATE_MACHINE_ARN?: string;
  readonly EMERGENCY_STATE_MACHINE_ARN?: string;
  readonly FILING_STATE_MACHINE_ARN?: string;
  readonly BUDGET_STATE_MACHINE_ARN?: string;
}) =>
  workflowEngine({
    ...(env.APPROVAL_STATE_MACHINE_ARN ? { approval: env.APPROVAL_STATE_MACHINE_ARN } : {}),
    ...(env.ACCEPTANCE_STATE_MACHINE_ARN ? { acceptance: env.ACCEPTANCE_STATE_MACHINE_ARN } : {}),
    ...(env.EMERGENCY_STATE_MACHINE_ARN ? { emergency: env.EMERGENCY_STATE_MACHINE_ARN } : {}),
    ...(env.FILING_STATE_MACHINE_ARN ? { filing: env.FILING_STATE_MACHINE_ARN } : {}),
    ...(env.BUDGET_STATE_MACHINE_ARN ? { budget: env.BUDGET_STATE_MACHINE_ARN } : {}),
  });
