import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { ProjectEvent } from './project.schema.ts';

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same event always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export type UnsealedEvent = Omit<ProjectEvent, 'hash' | 'prevHash'>;

/** ART33: hash = sha256(prevHash + canonical JSON of the event, prevHash included). */
export const sealEvent = (prevHash: string, event: UnsealedEvent): ProjectEvent => {
  const body = { ...event, prevHash };
  const hash = createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
  return { ...body, hash };
};

export const ChainVerdictSchema = z.object({
  valid: z.boolean(),
  count: z.number().int(),
  headHash: z.string(),
  /** The first event that does not check out, when the chain is broken. */
  brokenAt: z.number().int().optional(),
});
export type ChainVerdict = z.infer<typeof ChainVerdictSchema>;

/**
 * Recomputes the chain: seq runs 1..n without gaps, each event links to the hash before it,
 * each hash is what its content gives, and the head matches the one the project recorded.
 */
export const verifyChain = (
  events: readonly ProjectEvent[],
  recorded?: { eventSeq: number; eventHead: string },
): ChainVerdict => {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const { hash, prevHash: claimedPrev, ...rest } = event;
    const expected = sealEvent(prevHash, rest);
    if (event.seq !== index + 1 || claimedPrev !== prevHash || hash !== expected.hash) {
      return { valid: false, count: events.length, headHash: events.at(-1)?.hash ?? GENESIS_HASH, brokenAt: index + 1 };
    }
    prevHash = hash;
  }
  const headMatches = !recorded || (recorded.eventSeq === events.length && recorded.eventHead === prevHash);
  return {
    valid: headMatches,
    count: events.length,
    headHash: prevHash,
    ...(headMatches ? {} : { brokenAt: Math.min(events.length, recorded?.eventSeq ?? 0) + 1 }),
  };
};
