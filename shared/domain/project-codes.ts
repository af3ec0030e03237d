import * as z from 'zod';

/**
 * What became of one number of a year's counter: the project that carries its code, or why it was
 * voided. Every number from 1 to the counter has exactly one, so the register explains each gap.
 */
export const CodeRecordSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('used'),
    year: z.number().int(),
    number: z.number().int().positive(),
    code: z.string(),
    projectId: z.string(),
    at: z.string(),
  }),
  z.object({
    status: z.literal('void'),
    year: z.number().int(),
    number: z.number().int().positive(),
    code: z.string(),
    reason: z.string(),
    at: z.string(),
  }),
]);
export type CodeRecord = z.infer<typeof CodeRecordSchema>;
