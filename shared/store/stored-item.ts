import * as z from 'zod';

/**
 * A stored item back to the record it holds: the store's own attributes (its keys and type) off,
 * then the record's own strict schema, the one it was written with.
 */
export const storedAs = <T>(schema: z.ZodType<T>): z.ZodType<T> =>
  z.looseObject({}).transform(({ PK: _pk, SK: _sk, type: _type, ...record }) => schema.parse(record)) as never;
