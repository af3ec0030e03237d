import type { ApprovalInput } from '#shared/domain/approval.ts';
import { stepFunctions } from './step-functions.ts';

/**
 * The seam between a submitted declaration and the approval state machine. One execution per
 * submission, named after it, so that a retried start is the same execution, never a second.
 */
export const approvalWorkflow = (stateMachineArn: string | undefined) => ({
  async start(input: ApprovalInput): Promise<void> {
    if (!stateMachineArn) throw new Error('This function has no approval state machine to start.');
    const { client, sdk } = await stepFunctions();
    try {
      await client.send(
        new sdk.StartExecutionCommand({
          stateMachineArn,
          name: `${input.projectId}-${input.submission}`,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      if (!(error instanceof sdk.ExecutionAlreadyExists)) throw error;
    }
  },
});
export type ApprovalWorkflow = ReturnType<typeof approvalWorkflow>;

/** The `approval` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const approval = (env: { readonly APPROVAL_STATE_MACHINE_ARN?: string }) =>
  approvalWorkflow(env.APPROVAL_STATE_MACHINE_ARN);
