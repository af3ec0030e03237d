import { ConflictError } from '#shared/domain/errors.ts';
import { logger } from '#shared/observability/logger.ts';

/**
 * How fast the sweep changes projects. Each change is one transaction on its project's partition
 * (the project, its event, the duty, the finding, a hold) plus one write to every index its items
 * move in: the duty's due-index shard, the finding's open-findings shard and its department's
 * list, and the project's entries in the by-department, by-stage and by-type indexes. Those three
 * put every project of a department, of a stage and of the county under one index partition key
 * each, and the project's entry moves (its sort key carries `updatedAt`) on every change: those
 * partitions bound the rate, not the projects' own. At most SWEEP_CHANGES_PER_SECOND changes begin
 * each second: with the 2 KB project item the bench measures (2 × 2 write units on each of those
 * partitions per change) that is 600 of DynamoDB's 1,000 write units per second per partition, and
 * 900 at 3 KB. SWEEP_CONCURRENCY in flight reach that rate while a transaction takes up to 26 ms;
 * slower, the sweep is slower, never hotter (README § Benchmarks).
 */
export const SWEEP_CONCURRENCY = 4;
export const SWEEP_CHANGES_PER_SECOND = 150;

/** Spaces the starts of changes so that at most `perSecond` begin in any second. */
export const pacer = (perSecond: number) => {
  let next = 0;
  return async () => {
    const now = Date.now();
    const start = Math.max(now, next);
    next = start + 1000 / perSecond;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  };
};

/**
 * Runs `work` on every item of `source` with at most `limit` at once; the first failure stops
 * taking new items (those already started finish) and is thrown.
 */
export const inParallel = async <T>(source: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>) => {
  const items = source[Symbol.asyncIterator]();
  let failed = false;
  const worker = async () => {
    while (!failed) {
      const next = await items.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
};

/**
 * One duty the sweep cannot settle tonight (its project contended past every retry) must not stop
 * the county's sweep: it is logged and left for the next run, which finds it again.
 */
export const isolated = async <T>(
  item: { projectId: string; code: string; key: string },
  work: () => Promise<T | undefined>,
): Promise<T | undefined> => {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    logger.warn('sweep item left for the next run: its project kept changing', {
      projectId: item.projectId,
      code: item.code,
      key: item.key,
    });
    return undefined;
  }
};
