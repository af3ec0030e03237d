import type { Finding } from '#shared/domain/finding.schema.ts';
import { FUNDING_CUTS, isLate, type Obligation } from '#shared/domain/obligation.ts';
import { RULES, type RuleCode } from '#shared/domain/rules/catalog.ts';
import { logger } from '#shared/observability/logger.ts';
import { OBLIGATION_SHARDS } from '#shared/store/obligation-repository.ts';
import { TransactionRefused, transact } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';

export interface SweepSummary {
  asOf: string;
  examined: number;
  opened: number;
  resolved: number;
  holdsPlaced: number;
  holdsLifted: number;
  /** DynamoDB items read: the sweep's cost, which follows what is due, not how many projects exist. */
  itemsRead: number;
}

const findingOf = (o: Obligation, at: string): Finding => ({
  id: `${o.projectId}.${o.code}.${o.key}`,
  projectId: o.projectId,
  ownerDeptId: o.ownerDeptId,
  code: o.code,
  article: RULES[o.code as RuleCode]?.article ?? 0,
  key: o.key,
  description: o.description,
  dueDate: o.dueDate,
  status: 'open',
  openedAt: at,
  resolvedAt: null,
  holds: [...(FUNDING_CUTS[o.code as RuleCode] ?? [])],
});

/**
 * The compliance sweep. Every obligation still open after its due date gets exactly one finding
 * (and a funding hold where its article cuts funds); every open finding whose obligation has
 * since been settled is resolved (and its hold lifted). Each item is its own conditional
 * transaction, so the sweep can be re-run, run twice at once, or killed half-way: the next run
 * finishes the work and nothing is ever written twice.
 *
 * `afterItem` is a seam for tests that kill a sweep half-way.
 */
export const runSweep = async (
  input: { asOf: string; afterItem?: (n: number) => void },
  deps: Pick<Deps, 'obligations' | 'findings' | 'now'>,
): Promise<SweepSummary> => {
  const summary: SweepSummary = {
    asOf: input.asOf,
    examined: 0,
    opened: 0,
    resolved: 0,
    holdsPlaced: 0,
    holdsLifted: 0,
    itemsRead: 0,
  };
  let processed = 0;
  const tick = () => input.afterItem?.(++processed);
  const at = deps.now().toISOString();

  const late = async (shard: number) => {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await deps.obligations.dueBefore(shard, input.asOf, start);
      summary.itemsRead += page.scanned;
      for (const obligation of page.items) {
        summary.examined++;
        // The index reads only what may be late; whether it is late is the domain's rule.
        if (!isLate(obligation, input.asOf)) continue;
        const finding = findingOf(obligation, at);
        try {
          await transact([
            deps.obligations.stillDue(obligation),
            deps.findings.open(finding),
            ...(finding.holds.length > 0
              ? [
                  deps.findings.hold({
                    projectId: finding.projectId,
                    code: finding.code,
                    key: finding.key,
                    funds: finding.holds,
                    since: at,
                  }),
                ]
              : []),
          ]);
          summary.opened++;
          if (finding.holds.length > 0) summary.holdsPlaced++;
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
          // Already found by an earlier or a concurrent sweep, or settled since the index was read.
        }
        tick();
      }
      start = page.next;
    } while (start);
  };

  const cured = async (shard: number) => {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await deps.findings.openInShard(shard, start);
      summary.itemsRead += page.scanned;
      const settled = await Promise.all(
        page.items.map(async (finding) => {
          const obligation = await deps.obligations.get(finding.projectId, finding.code, finding.key);
          summary.itemsRead++;
          return { finding, cured: obligation !== undefined && obligation.status !== 'open' };
        }),
      );
      for (const { finding, cured } of settled) {
        if (!cured) continue;
        try {
          await transact([
            deps.findings.resolve({ ...finding, status: 'resolved', resolvedAt: at }),
            ...(finding.holds.length > 0 ? [deps.findings.lift(finding)] : []),
          ]);
          summary.resolved++;
          if (finding.holds.length > 0) summary.holdsLifted++;
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
        }
        tick();
      }
      start = page.next;
    } while (start);
  };

  const shards = Array.from({ length: OBLIGATION_SHARDS }, (_, i) => i);
  for (const shard of shards) {
    await late(shard);
    await cured(shard);
    logger.info('sweep shard done', { shard, ...summary });
  }
  logger.info('sweep done', { ...summary });
  return summary;
};
