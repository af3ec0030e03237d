import { stepFunctions } from './step-functions.ts';

/**
 * Hands a recorded decision to the waiting workflow step. Returns false when the step no longer
 * waits (its timeout fired first): the escalation step then delivers the recorded decision.
 */
export const sendDecision = async (token: string, output: unknown): Promise<boolean> => {
  const { client, sdk } = await stepFunctions();
  try {
    await client.send(new sdk.SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof sdk.TaskTimedOut || error instanceof sdk.InvalidToken) return false;
    throw error;
  }
};
