import { ConflictError } from '#shared/domain/errors.ts';

/**
 * Re-reads and re-applies a system step (a workflow step, a sweep item) when a concurrent
 * change won the optimistic race; people get the 409 instead.
 */
export const retryOnConflict = async <T>(step: () => Promise<T>, attempts = 10): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
};
