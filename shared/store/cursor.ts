import { ValidationError } from '#shared/domain/errors.ts';

type Key = Record<string, unknown>;

export const encodeCursor = (key: Key | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

/**
 * A cursor is only ever a position inside the query it came from: one whose partition is not
 * the caller's own query partition is refused, so a forged cursor reads nothing it should not.
 */
export const decodeCursor = (
  cursor: string | undefined,
  partition: { name: string; value: string },
): Key | undefined => {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      key !== null &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      (key as Key)[partition.name] === partition.value &&
      Object.values(key as Key).every((v) => typeof v === 'string')
    ) {
      return key as Key;
    }
  } catch {
    // falls through to the refusal
  }
  throw new ValidationError([{ path: 'query.cursor', message: 'Not a cursor this listing gave out.' }]);
};
