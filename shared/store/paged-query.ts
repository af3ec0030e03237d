import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ZodType } from 'zod';
import { logger } from '#shared/observability/logger.ts';
import { countOne } from '#shared/observability/metrics.ts';
/** API.md § Lists: one page of items and the cursor of the next, or null at the end. */
import type { Page } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import { type CursorShape, decodeCursor, encodeCursor } from './cursor.ts';

export type { Page };

type Query = Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>;

/** The metric an item refused by today's schema counts (namespace Lingchuan, see shared/observability/metrics.ts). */
export const UNREADABLE_ITEM_METRIC = 'UnreadableItems';

/**
 * One item as today's schema reads it, or undefined when it refuses it (an item an older version
 * wrote): a list answers the rest rather than fail for the whole county. The refusal is reported
 * with the item's key, never its content: an error log line and the UnreadableItems metric.
 */
export const readItem = async <T>(
  item: Record<string, unknown>,
  schema: ZodType<T>,
  list: string,
): Promise<T | undefined> => {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const key = `${String(item.PK)} ${String(item.SK)}`;
  logger.error('an item fails its schema and is left out of the list', {
    list,
    key: { PK: item.PK, SK: item.SK },
    issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`),
  });
  await countOne(UNREADABLE_ITEM_METRIC, { list, key }).catch((error: unknown) =>
    logger.warn('the unreadable item could not be counted', { error: error as Error }),
  );
  return undefined;
};

/** The items of a page that today's schema reads, in order (see readItem). */
export const readItems = async <T>(
  items: readonly Record<string, unknown>[] | undefined,
  schema: ZodType<T>,
  list: string,
): Promise<T[]> => {
  const read: T[] = [];
  for (const item of items ?? []) {
    const value = await readItem(item, schema, list);
    if (value !== undefined) read.push(value);
  }
  return read;
};

/** The list an item belongs to, for the log line and the metric: the table's name is not it. */
const listOf = (input: Query) =>
  `${input.IndexName ?? 'table'} ${String(Object.values(input.ExpressionAttributeValues ?? {})[0])}`;

/**
 * Every item a query matches, page after page, each parsed with the item's schema. A rule that
 * decides on the whole set (a gate, a hold, a verification) must not decide on part of it, so an
 * item the schema refuses is an error here; only a list served as it is to people (`listed`)
 * answers the rest and reports the item (see readItem).
 */
export const queryAll = async <T>(input: Query, schema: ZodType<T>, listed?: 'listed'): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    if (listed) items.push(...(await readItems(page.Items, schema, listOf(input))));
    else for (const item of page.Items ?? []) items.push(schema.parse(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/**
 * One page of a query, from a cursor that must be a position of this very query (see cursor.ts):
 * a page of a list served to people, so an item today's schema refuses is left out and reported.
 */
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
    items: await readItems(result.Items, schema, listOf(input)),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};
