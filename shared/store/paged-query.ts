import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ZodType } from 'zod';
import { dynamo } from './clients.ts';
import { type CursorShape, decodeCursor, encodeCursor } from './cursor.ts';

/** API.md § Lists: one page of items and the cursor of the next, or null at the end. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

type Query = Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>;

/** Every item a query matches, page after page, each parsed with the item's schema. */
export const queryAll = async <T>(input: Query, schema: ZodType<T>): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(schema.parse(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** One page of a query, from a cursor that must be a position of this very query (see cursor.ts). */
export const queryPage = async <T>(
  input: Query,
  schema: ZodType<T>,
  page: { limit: number; cursor?: string | undefined },
  shape: CursorShape,
): Promise<Page<T>> => {
  const result = await dynamo().send(
    new QueryCommand({ ...input, Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, shape) }),
  );
  return {
    items: (result.Items ?? []).map((item) => schema.parse(item)),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};
