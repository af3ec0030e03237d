import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients.ts';

type Key = Record<string, unknown>;

/**
 * The items of `keys` that exist, in as few BatchGetItem calls as it takes: 100 keys a call (its
 * limit), and the keys DynamoDB leaves unprocessed under load asked for again, so none is silently
 * missing. Strongly consistent unless told otherwise.
 */
export const batchGet = async (
  tableName: string,
  keys: readonly Key[],
  { consistent = true }: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Key[] = keys.slice(i, i + 100);
    while (pending.length > 0) {
      const { Responses, UnprocessedKeys } = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }),
      );
      items.push(...(Responses?.[tableName] ?? []));
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
};
