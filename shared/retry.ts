import { ConcurrentModificationError } from '#shared/domain/errors.ts';

/**
 * The one retry loop: runs `step` until it succeeds, `retryable` says no, or `attempts` run out,
 * waiting `delayMs(attempt)` between tries. The last error is rethrown as it was.
 */
export const retry = async <T>(
  step: () => Promise<T>,
  options: { attempts: number; retryable: (error: unknown) => boolean; delayMs: (attempt: number) => number },
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!options.retryable(error) || attempt >= options.attempts) throw error;
      await new Promise((r) => setTimeout(r, options.delayMs(attempt)));
    }
  }
};

/**
 * Reads again and re-applies a step whose write lost an optimistic race: a workflow step, a sweep
 * item, or a person's action that states no version (submitting, signing off, filing, deciding),
 * all of which re-check everything on the fresh read. Only a PATCH with a stale If-Match is
 * answered 409 for a race; any other ConflictError (wrong stage, already decided) is the answer.
 */
export const retryOnConflict = <T>(step: () => Promise<T>, attempts = 10): Promise<T> =>
  retry(step, {
    attempts,
    retryable: (error) => error instanceof ConcurrentModificationError,
    delayMs: (attempt) => Math.random() * 20 * attempt,
  });

/**
 * Attempts for a change many people make to one project at once: documents declared and verified
 * in a burst (forty at a time on one project is an afternoon's uploads). Each round of the race
 * has a winner, so a burst of n lands within n attempts; a 409 for a race is only ever a stale
 * If-Match, never a declaration that lost too often.
 */
export const BURST_ATTEMPTS = 64;
