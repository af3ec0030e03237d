import { ConflictError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from './deps.ts';
import type { PendingWrite } from './ports.ts';

/** Items that record a response under its key, written in the transaction that creates what it answers. */
export type Remember<T> = (response: T) => PendingWrite[];

export interface IdempotentRequest {
  readonly actor: Actor;
  /** The operation: a key is remembered per caller and operation. */
  readonly scope: string;
  /** The `Idempotency-Key` header, when the caller sent one. */
  readonly key: string | undefined;
  /** What makes two requests the same: path parameters and body. */
  readonly request: unknown;
}

/**
 * API.md § Idempotency for every creating POST: a retry with the same key and the same request
 * answers what the first one answered; the same key with another request is a 409. `run` adds
 * `remember(response)` to the transaction that creates, so the record and the creation stand or
 * fall together. Two requests racing with one key: the loser's transaction is refused (the
 * project's version, or the record's own condition) and it answers the winner's response; any
 * other conflict stays a 409.
 */
export const idempotent = async <T>(
  { actor, scope, key, request }: IdempotentRequest,
  deps: Pick<Deps, 'idempotency' | 'now'>,
  run: (remember: Remember<T>, replay: () => Promise<T | undefined>) => Promise<T>,
): Promise<T> => {
  if (key === undefined)
    return run(
      () => [],
      async () => undefined,
    );
  const replay = () => deps.idempotency.replay<T>(actor.sub, scope, key, request, deps.now());
  const remember = (response: T) => [deps.idempotency.record(actor.sub, scope, key, request, response, deps.now())];
  const earlier = await replay();
  if (earlier !== undefined) return earlier;
  try {
    return await run(remember, replay);
  } catch (error) {
    const winner = error instanceof ConflictError ? await replay() : undefined;
    if (winner === undefined) throw error;
    return winner;
  }
};

/**
 * The shape of most creating actions: idempotent under its key, and a lost optimistic race read
 * again and re-checked (unless it was lost to the same key, whose first answer is then the answer).
 */
export const idempotentAction = <T>(
  request: IdempotentRequest,
  deps: Pick<Deps, 'idempotency' | 'now'>,
  once: (remember: Remember<T>) => Promise<T>,
): Promise<T> =>
  idempotent<T>(request, deps, (remember, replay) => retryOnConflict(async () => (await replay()) ?? once(remember)));
