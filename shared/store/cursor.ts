import { ValidationError } from '#shared/domain/errors.ts';

type Key = Record<string, unknown>;

export const encodeCursor = (key: Key | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export interface CursorShape {
  /** The query's partition: a cursor from another partition is refused. */
  readonly partition: { name: string; value: string };
  /** Exactly the key attributes the query's LastEvaluatedKey has (table keys plus index keys). */
  readonly keys: readonly string[];
  /** For a query on a key prefix (`begins_with(SK, …)`), the prefix every position carries. */
  readonly prefix?: { name: string; value: string };
}

/**
 * A cursor is only ever a position inside the query it came from: its partition is the caller's
 * own, its attributes exactly the query's key attributes. Anything else is a 400, never a read
 * elsewhere and never an error from DynamoDB.
 */
export const decodeCursor = (cursor: string | undefined, shape: CursorShape): Key | undefined => {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key !== null && typeof key === 'object' && !Array.isArray(key)) {
      const entries = key as Record<string, unknown>;
      const names = Object.keys(entries).sort();
      const sound =
        names.join() === [...new Set(shape.keys)].sort().join() &&
        Object.values(entries).every((v) => typeof v === 'string' && v.length > 0 && v.length <= 1024) &&
        entries[shape.partition.name] === shape.partition.value &&
        (!shape.prefix || String(entries[shape.prefix.name]).startsWith(shape.prefix.value));
      if (sound) return entries;
    }
  } catch {
    // falls through to the refusal
  }
  throw new ValidationError([{ path: 'query.cursor', message: 'Not a cursor this listing gave out.' }]);
};
