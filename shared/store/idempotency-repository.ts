import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '#shared/domain/audit-chain.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { IdempotencyRecords } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import type { TransactItem } from './transactions.ts';

/** How long a key is remembered: long enough for any client retry, short enough to forget. */
const RETENTION_SECONDS = 24 * 3600;

const key = (sub: string, scope: string, idempotencyKey: string) => ({
  PK: `IDEMPOTENCY#${sub}`,
  SK: `${scope}#${idempotencyKey}`,
});

const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * `Idempotency-Key` on creating POSTs (API.md): the record is written in the same transaction as
 * what it creates, so a retry either finds it or creates nothing twice.
 */
export const idempotencyRepository = (tableName: string) => ({
  /** The first response for this key, or undefined; the same key with another request is a conflict. */
  async replay<T>(
    sub: string,
    scope: string,
    idempotencyKey: string,
    request: unknown,
    now: Date,
  ): Promise<T | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName, Key: key(sub, scope, idempotencyKey), ConsistentRead: true }),
    );
    // DynamoDB's TTL deletes expired records within days, not at once: past its time a key is forgotten.
    if (!Item || Number(Item.expiresAt) * 1000 <= now.getTime()) return undefined;
    if (Item.requestHash !== requestHash(request))
      throw new ConflictError('This Idempotency-Key was used with a different body.');
    return JSON.parse(String(Item.response)) as T;
  },

  record(
    sub: string,
    scope: string,
    idempotencyKey: string,
    request: unknown,
    response: unknown,
    now: Date,
  ): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...key(sub, scope, idempotencyKey),
          type: 'idempotency',
          requestHash: requestHash(request),
          response: JSON.stringify(response),
          expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
        },
        // A key forgotten (expired, not yet deleted by TTL) may be used afresh.
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      },
    };
  },
});
// The store is what its port asks for (the compiler holds the two together).
idempotencyRepository satisfies (tableName: string) => IdempotencyRecords;

/** The `idempotency` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const idempotency = (env: { readonly TABLE_NAME: string }) => idempotencyRepository(env.TABLE_NAME);
