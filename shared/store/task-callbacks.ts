import { logger } from '#shared/observability/logger.ts';
import { stepFunctions } from './step-functions.ts';

const NOT_WAITING = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];

/**
 * Hands a recorded decision to the waiting workflow step, retrying transient failures. Returns
 * false when the step no longer waits (its timeout fired, or its branch was cancelled) or could
 * not be reached: the decision is already recorded, and the escalation step delivers it when the
 * step's timeout fires. A recorded decision never becomes an error for the reviewer.
 */
export const sendDecision = async (token: string, output: unknown): Promise<boolean> => {
  const { client, sdk } = await stepFunctions();
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new sdk.SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      const name = (error as Error).name;
      if (NOT_WAITING.includes(name)) return false;
      if (attempt >= 4) {
        logger.error('decision recorded but not delivered; escalation will deliver it', { error: name });
        return false;
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
};
