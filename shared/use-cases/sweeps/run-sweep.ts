import { ConcurrentModificationError, ConflictError } from '#shared/domain/errors.ts';
import { type Finding, newFinding, type SweepSummary } from '#shared/domain/finding.schema.ts';
import { isLate, isYearly, nextYearDuty, type Obligation, obligationKind } from '#shared/domain/obligation.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { REVIEWING_STAGES, reviewsOfRunningRounds, strandedReviews } from '#shared/domain/stranded-review.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { startClock } from '../obligations/start-clock.ts';
import { sweepDrills } from './sweep-drills.ts';
import { inParallel, isolated, pacer, SWEEP_CHANGES_PER_SECOND, SWEEP_CONCURRENCY } from './sweep-pacing.ts';

/** The sweep's pace, where the bench reads it. */
export { pacer, SWEEP_CHANGES_PER_SECOND, SWEEP_CONCURRENCY };

const findingOf = (o: Obligation, at: string): Finding => newFinding({ ...o, holds: obligationKind(o.code).cuts }, at);

/** The sweep writes on a project's audit trail under this name (ART33-RECORDS). */
const SWEEPER: Actor = { sub: 'system:compliance-sweep', name: '合规巡检', deptId: null, roles: [] };

type SweepDeps = Pick<Deps, 'projects' | 'obligations' | 'findings' | 'departments' | 'calendar' | 'policy' | 'now'>;

/**
 * Opens the finding of a late duty, with its hold where the article cuts funds, as one change of
 * the project: the finding is on its audit trail. Gives up quietly when the duty was found,
 * settled or re-dated by someone else.
 *
 * The first attempt writes from what the sweep already holds: the duty as the due index listed it
 * and the project as the page's batch read it (`known`). Every item of the transaction is
 * conditional (the project on its version, the duty on being open, unfound and due on that date,
 * the finding and a yearly successor on not existing yet), so anything that changed meanwhile
 * refuses the whole change as a lost race, and the retry reads the duty, the project, an earlier
 * finding and the successor afresh, exactly as before. Answers the project as saved, for the
 * project's next late duty.
 */
const openFinding = (
  late: Obligation,
  asOf: string,
  at: string,
  deps: SweepDeps,
  read: (items: number) => void,
  known: StoredProject | undefined,
) => {
  let attempt = 0;
  return retryOnConflict(async (): Promise<{ finding?: Finding; project?: StoredProject }> => {
    const optimistic = attempt++ === 0 && known !== undefined;
    const obligation = optimistic ? late : await deps.obligations.get(late.projectId, late.code, late.key);
    if (!optimistic) read(1);
    if (obligation?.status !== 'open' || obligation.foundAt || !isLate(obligation, asOf)) return {};
    const [project, earlier] = optimistic
      ? [known, undefined]
      : await Promise.all([
          deps.projects.get(obligation.projectId),
          deps.findings.get(obligation.projectId, obligation.code, obligation.key),
        ]);
    if (!optimistic) read(2);
    if (earlier) {
      // Found before duties were marked (or marked and then re-dated): mark it, open nothing twice.
      await deps.obligations.markFound(obligation, earlier.openedAt);
      return {};
    }
    if (!project) {
      logger.error('late duty of a project that does not exist; skipped', { ...late });
      return {};
    }
    const finding = findingOf(obligation, at);
    const kind = obligationKind(obligation.code);
    // A yearly duty found late writes the next year's, so no project drops out of tracking (ART07).
    const next = isYearly(obligation) ? nextYearDuty(obligation) : undefined;
    const successor =
      next && (optimistic || !(await deps.obligations.get(obligation.projectId, obligation.code, next.key)))
        ? await startClock(
            { project, code: obligation.code, key: next.key, from: next.from, detail: next.key, at },
            deps,
          )
        : undefined;
    const saved = await deps.projects
      .save({
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
          ...(successor ? { nextDuty: { key: successor.key, dueDate: successor.dueDate } } : {}),
        },
        with: [
          deps.obligations.found(obligation, at),
          deps.findings.open(finding),
          // A hold that starts with its duty (ART29) is already in place since the duty began.
          ...(finding.holds.length > 0 && !kind.holdsFromStart
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
          ...(successor ? [deps.obligations.open(successor)] : []),
        ],
      })
      .catch((error: unknown) => {
        // Written from the page's listing, a refused finding or duty may only mean the listing was
        // stale (a finding opened before duties were marked): read everything afresh and decide.
        throw optimistic && error instanceof ConflictError
          ? new ConcurrentModificationError('The duty changed since it was listed.')
          : error;
      });
    return { finding, project: saved };
  });
};

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
 * The compliance sweep. Every obligation still open after its due date gets exactly one finding
 * (and a funding hold where its article cuts funds); every open finding whose obligation has
 * since been settled is resolved (and its hold lifted). Each is one conditional change of its
 * project, audit event included, so the sweep can be re-run, run twice at once, or killed
 * half-way: the next run finishes the work and nothing is ever written twice.
 *
 * `afterItem` is a seam for tests that kill a sweep half-way; `changesPerSecond` one for the bench,
 * which measures the write path with and without the rate bound.
 */
export const runSweep = async (
  input: { asOf: string; afterItem?: (n: number) => void; changesPerSecond?: number },
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

  // The late duties, a page at a time, grouped by project: a project's duties are opened one after
  // another (each changes the project's version), different projects at once.
  async function* lateByProject() {
    for await (const page of deps.obligations.dueBefore(input.asOf)) {
      summary.itemsRead += page.scanned;
      summary.examined += page.items.length;
      // The index reads only what may be late; whether it is late is the domain's rule.
      const late = page.items.filter((o) => isLate(o, input.asOf) && !o.foundAt);
      if (late.length === 0) continue;
      const projects = await deps.projects.getMany(late.map((o) => o.projectId));
      read(projects.size);
      const groups = new Map<string, Obligation[]>();
      for (const o of late) groups.set(o.projectId, [...(groups.get(o.projectId) ?? []), o]);
      for (const [projectId, duties] of groups) yield { project: projects.get(projectId), duties };
    }
  }
  const pace = pacer(input.changesPerSecond ?? SWEEP_CHANGES_PER_SECOND);
  await inParallel(lateByProject(), SWEEP_CONCURRENCY, async ({ project, duties }) => {
    let known = project;
    for (const obligation of duties) {
      await pace();
      const opened = await isolated(obligation, () => openFinding(obligation, input.asOf, at, deps, read, known));
      if (opened?.project) known = opened.project;
      if (opened?.finding) summary.opened++;
      if (opened?.finding && opened.finding.holds.length > 0) summary.holdsPlaced++;
      tick();
    }
  });

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
  // ART24: the departments' periodic drills, one duty per department.
  const drills = await sweepDrills(input.asOf, deps);
  summary.opened += drills.opened;
  summary.resolved += drills.resolved;
  summary.itemsRead += drills.itemsRead;
  logger.info('sweep done', { ...summary });
  return summary;
};

/**
 * Finds every review a crash stranded (shared/domain/stranded-review.ts) and mends it through the
 * workflow: a round whose execution never started is started, and it opens its task; a decision
 * recorded but never handed to its waiting step is handed over. A repair that did something is on
 * the project's audit trail; one the workflow did not need (it had started, the step had moved on)
 * writes nothing. Walks only the projects of the stages a review round runs in, a page at a time.
 */
export const repairStrandedReviews = async (
  deps: Pick<Deps, 'projects' | 'tasks' | 'workflows' | 'now'>,
): Promise<{ examined: number; repaired: number }> => {
  let examined = 0;
  let repaired = 0;
  for (const stage of REVIEWING_STAGES) {
    let cursor: string | undefined;
    do {
      const page = await deps.projects.list({ by: { stage }, limit: 100, cursor });
      cursor = page.nextCursor ?? undefined;
      for (const project of page.items) {
        const reviews = reviewsOfRunningRounds(project);
        if (reviews.length === 0) continue;
        examined++;
        const found = await Promise.all(reviews.map((review) => deps.tasks.get(review.taskId)));
        const tasks = new Map(found.flatMap((task) => (task ? [[task.id, task] as const] : [])));
        for (const stranded of strandedReviews(project, tasks)) {
          const round = { workflow: stranded.workflow, projectId: project.id, round: stranded.round };
          const mended =
            stranded.repair === 'start-workflow'
              ? await deps.workflows.startIfMissing(round)
              : await deps.workflows.sendDecision(stranded.task.token, { decision: stranded.task.decision?.decision });
          if (!mended) continue;
          repaired++;
          logger.warn('stranded review repaired', { ...round, repair: stranded.repair });
          await retryOnConflict(async () => {
            const current = await deps.projects.get(project.id);
            if (!current) return;
            await deps.projects.save({
              project: current,
              at: deps.now().toISOString(),
              actor: SWEEPER,
              action: 'review.repaired',
              details: {
                kind: stranded.kind,
                taskId: stranded.taskId,
                workflow: stranded.workflow,
                round: stranded.round,
                repair: stranded.repair,
              },
            });
          });
        }
      }
    } while (cursor);
  }
  return { examined, repaired };
};
