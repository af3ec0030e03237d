import { useState } from 'preact/hooks';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError } from './api/client.ts';

/**
 * One API action of a form or a button: whether it is under way, and the refusal it met (a 422
 * lists every article still unmet). `run` answers what the action answered, or undefined when it
 * was refused; anything but a refusal is a fault of the page and is thrown on.
 */
export const useAction = () => {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setProblem(undefined);
    setBusy(true);
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error.problem);
        return undefined;
      }
      throw error;
    } finally {
      setBusy(false);
    }
  };
  /** Forgets the refusal once what it was about has changed (the page asks again). */
  const clear = () => setProblem(undefined);
  return { problem, busy, run, clear };
};
