import { InvalidToken, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';

let sfn: SFNClient | undefined;

/**
 * Hands a recorded decision to the waiting workflow step. Returns false when the step no longer
 * waits (its timeout fired first): the escalation step then delivers the recorded decision.
 */
export const sendDecision = async (token: string, output: unknown): Promise<boolean> => {
  sfn ??= new SFNClient({});
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof InvalidToken) return false;
    throw error;
  }
};
