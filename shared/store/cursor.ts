import { ValidationError } from '#shared/domain/errors.ts';

type Key = Record<string, unknown>;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const encodeCursor = (key: Key | undefined): string | null => (key ? encode(key) : null);

export interface CursorShape {
  /** The query's partition: a cursor from another partition is refused. */
  readonly partition: { name: string; value: string };
  /** Exactly the key attributes the query's LastEvaluatedKey has (table keys plus index keys). */
  readonly keys: readonly string[];
  /** For a query on a key prefix (`begins_with(SK, …)`), the prefix every position carries. */
  readonly prefix?: { name: string; value: string };
}

const refused = () => new ValidationError([{ path: 'query.cursor', message: 'Not a cursor this listing gave out.' }]);

const parse = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
};

/** A position is only ever one of its query's own keys: its partition, exactly its key attributes. */
const isPosition = (value: unknown, shape: CursorShape): value is Key => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = value as Record<string, unknown>;
  return (
    Object.keys(entries).sort().join() === [...new Set(shape.keys)].sort().join() &&
    Object.values(entries).every((v) => typeof v === 'string' && v.length > 0 && v.length <= 1024) &&
    entries[shape.partition.name] === shape.partition.value &&
    (!shape.prefix || String(entries[shape.prefix.name]).startsWith(shape.prefix.value))
  );
};

/**
 * A cursor is only ever a position inside the query it came from: its partition is the caller's
 * own, its attributes exactly the query's key attributes. Anything else is a 400, never a read
 * elsewhere and never an error from DynamoDB.
 */
export const decodeCursor = (cursor: string | undefined, shape: CursorShape): Key | undefined => {
  if (!cursor) return undefined;
  const key = parse(cursor);
  if (!isPosition(key, shape)) throw refused();
  return key;
};

/** Where each of several merged queries stands: a position, the start (absent), or `end`. */
export type Positions = Record<string, Key | 'end'>;

/** A cursor over several queries read as one (a reviewer's queues): one position per query (absent: not begun). */
export const encodeMergedCursor = (positions: Positions): string => encode(positions);

export const decodeMergedCursor = (cursor: string | undefined, shapes: Record<string, CursorShape>): Positions => {
  if (!cursor) return {};
  const value = parse(cursor);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw refused();
  const positions = value as Record<string, unknown>;
  for (const [name, position] of Object.entries(positions)) {
    const shape = shapes[name];
    if (!shape || (position !== 'end' && !isPosition(position, shape))) throw refused();
  }
  return positions as Positions;
};
