import * as z from 'zod';
import type { Actor } from './roles.ts';

/**
 * Who put a phase record on file, and when: the token's subject, which identifies, and the name it
 * carried, which people read. Records filed before names were kept have none.
 */
export const Recorded = {
  recordedAt: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().optional(),
};

export const recorded = (actor: Pick<Actor, 'sub' | 'name'>, at: string) => ({
  recordedAt: at,
  recordedBy: actor.sub,
  recordedByName: actor.name,
});
