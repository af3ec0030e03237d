import { ConcurrentModificationError } from '#shared/domain/errors.ts';

/**
 * Reads again and re-applies a step whose write lost an optimistic race: a workflow step, a sweep
 * item, or a person's action that states no version (submitting, signing off, filing, deciding),
 * all of which re-check everything on the fresh read. Only a PATCH with a stale If-Match is
 * answered 409 for a race; any other ConflictError (wrong stage, already decided) is the answer.
 */
export const retryOnConflict = async <T>(step: () => Promise<T>, attempts = 10): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
};
