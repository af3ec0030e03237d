import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ZodType } from 'zod';
import { dynamo } from './clients.ts';

/** Every item a query matches, page after page, each parsed with the item's schema. */
export const queryAll = async <T>(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  schema: ZodType<T>,
): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(schema.parse(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};
