import { ConflictError } from '#shared/domain/errors.ts';
import type { Finding, SweepSummary } from '#shared/domain/finding.schema.ts';
import { isLate, type Obligation, obligationKind } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';

const findingOf = (o: Obligation, at: string): Finding => ({
  id: `${o.projectId}.${o.code}.${o.key}`,
  projectId: o.projectId,
  ownerDeptId: o.ownerDeptId,
  code: o.code,
  article: RULES[o.code].article,
  key: o.key,
  description: o.description,
  dueDate: o.dueDate,
  status: 'open',
  openedAt: at,
  resolvedAt: null,
  holds: [...obligationKind(o.code).cuts],
});

/** The sweep writes on a project's audit trail under this name (ART33-RECORDS). */
const SWEEPER: Actor = { sub: 'system:compliance-sweep', name: '合规巡检', deptId: null, roles: [] };

type SweepDeps = Pick<Deps, 'projects' | 'obligations' | 'findings' | 'now'>;

/**
 * Opens the finding of a late duty, with its hold where the article cuts funds, as one change of
 * the project: the finding is on its audit trail. Re-reads and retries when the project changed
 * meanwhile; gives up quietly when the duty was found, settled or re-dated by someone else.
 */
const openFinding = (late: Obligation, asOf: string, at: string, deps: SweepDeps, read: (items: number) => void) =>
  retryOnConflict(async (): Promise<Finding | undefined> => {
    const obligation = await deps.obligations.get(late.projectId, late.code, late.key);
    read(1);
    if (obligation?.status !== 'open' || obligation.foundAt || !isLate(obligation, asOf)) return;
    const [project, earlier] = await Promise.all([
      deps.projects.get(obligation.projectId),
      deps.findings.get(obligation.projectId, obligation.code, obligation.key),
    ]);
    read(2);
    if (earlier) {
      // Found before duties were marked (or marked and then re-dated): mark it, open nothing twice.
      await deps.obligations.markFound(obligation, earlier.openedAt);
      return;
    }
    if (!project) {
      logger.error('late duty of a project that does not exist; skipped', { ...late });
      return;
    }
    const finding = findingOf(obligation, at);
    await deps.projects.save({
      project,
      at,
      actor: SWEEPER,
      action: 'finding.opened',
      details: {
        code: finding.code,
        article: finding.article,
        key: finding.key,
        dueDate: finding.dueDate,
        holds: finding.holds,
      },
      with: [
        deps.obligations.found(obligation, at),
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
      ],
    });
    return finding;
  });

/** Resolves a finding whose duty was settled, lifting its hold, as one change of the project. */
const resolveFinding = (cured: Finding, at: string, deps: SweepDeps, read: (items: number) => void) =>
  retryOnConflict(async (): Promise<Finding | undefined> => {
    const finding = await deps.findings.get(cured.projectId, cured.code, cured.key);
    const project = await deps.projects.get(cured.projectId);
    read(2);
    if (finding?.status !== 'open' || !project) return;
    await deps.projects.save({
      project,
      at,
      actor: SWEEPER,
      action: 'finding.resolved',
      details: { code: finding.code, article: finding.article, key: finding.key, holdsLifted: finding.holds },
      with: [
        deps.findings.resolve({ ...finding, status: 'resolved', resolvedAt: at }),
        ...(finding.holds.length > 0 ? [deps.findings.lift(finding)] : []),
      ],
    });
    return finding;
  });

/**
 * One duty the sweep cannot settle tonight (its project contended past every retry) must not stop
 * the county's sweep: it is logged and left for the next run, which finds it again.
 */
const isolated = async <T>(
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

/**
 * The compliance sweep. Every obligation still open after its due date gets exactly one finding
 * (and a funding hold where its article cuts funds); every open finding whose obligation has
 * since been settled is resolved (and its hold lifted). Each is one conditional change of its
 * project, audit event included, so the sweep can be re-run, run twice at once, or killed
 * half-way: the next run finishes the work and nothing is ever written twice.
 *
 * `afterItem` is a seam for tests that kill a sweep half-way.
 */
export const runSweep = async (
  input: { asOf: string; afterItem?: (n: number) => void },
  deps: SweepDeps,
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
  const read = (items: number) => {
    summary.itemsRead += items;
  };
  const at = deps.now().toISOString();

  for await (const page of deps.obligations.dueBefore(input.asOf)) {
    summary.itemsRead += page.scanned;
    for (const obligation of page.items) {
      summary.examined++;
      // The index reads only what may be late; whether it is late is the domain's rule.
      if (!isLate(obligation, input.asOf) || obligation.foundAt) continue;
      const finding = await isolated(obligation, () => openFinding(obligation, input.asOf, at, deps, read));
      if (finding) summary.opened++;
      if (finding && finding.holds.length > 0) summary.holdsPlaced++;
      tick();
    }
  }

  for await (const page of deps.findings.openPages()) {
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
      const resolved = await isolated(finding, () => resolveFinding(finding, at, deps, read));
      if (resolved) summary.resolved++;
      if (resolved && resolved.holds.length > 0) summary.holdsLifted++;
      tick();
    }
  }
  logger.info('sweep done', { ...summary });
  return summary;
};
