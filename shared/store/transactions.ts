import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConcurrentModificationError } from '#shared/domain/errors.ts';
import type { PendingWrite } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The items of writes the stores prepared: every pending write a use case hands back is one a
 * store made here, so opening it is the stores' own business.
 */
export const itemsOf = (writes: readonly PendingWrite[] = []): TransactItem[] => writes as TransactItem[];

/** Why each item of a cancelled transaction failed, in item order ('None' where it did not). */
export class TransactionRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(`Transaction cancelled: ${reasons.join(', ')}`);
  }
  failed(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
  get contended(): boolean {
    return this.reasons.some((r) => r === 'TransactionConflict');
  }
}

/** All of it or none of it: the project, its audit event and whatever else changes with them. */
export const transact = async (items: TransactItem[]): Promise<void> => {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new TransactionRefused((error.CancellationReasons ?? []).map((r) => r.Code ?? 'None'));
    }
    throw error;
  }
};

/** A lost optimistic race, as the API reports it. */
export const lostRace = (what: string) =>
  new ConcurrentModificationError(`${what} changed meanwhile; read it again and retry.`);
