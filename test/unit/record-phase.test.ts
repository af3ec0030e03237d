import { describe, expect, it } from 'vitest';
import { omDutyKey } from '#shared/domain/acceptance.ts';
import { addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { selfEvaluate } from '#shared/use-cases/acceptance/self-evaluate.ts';
import { reportOperations } from '#shared/use-cases/operations/report-operations.ts';
import { publishNotice } from '#shared/use-cases/procurement/publish-notice.ts';
import { actorOf, inMemoryPorts, openDuty, storedProject, verifiedDocument } from '../support/in-memory-ports.ts';

const now = new Date();
const today = shanghaiDate(now);
const year = Number(today.slice(0, 4));
const owner = actorOf('dept-a');

const duty = (code: RuleCode, key: string, overrides: Partial<Obligation> = {}): Obligation =>
  openDuty(code, key, addMonths(today, 1), {
    dueBasis: { from: today, amount: 1, unit: 'months' },
    createdAt: now.toISOString(),
    ...overrides,
  });

const ratings = {
  costBenefit: 4,
  dataSharing: 4,
  applicationEffect: 5,
  businessCollaboration: 3,
  securityConfidentiality: 4,
  innovativeService: 3,
  economicSocialBenefit: 4,
};

/** A project in operations owing its self-evaluation and this year's O&M report, with the documents on record. */
const inOperations = (overrides: Parameters<typeof storedProject>[0] = {}) => {
  const ports = inMemoryPorts(now);
  ports.arrange.project(storedProject({ stage: 'operations', acceptedOn: addMonths(today, -2), ...overrides }));
  ports.arrange.document(verifiedDocument('p1', 'eval-1', 'self-evaluation'));
  ports.arrange.document(verifiedDocument('p1', 'om-1', 'operations-evidence'));
  ports.arrange.document(verifiedDocument('p1', 'om-2', 'operations-evidence'));
  ports.arrange.obligation(duty('ART30-SELF-EVALUATION', 'self-evaluation'));
  ports.arrange.obligation(duty('ART07-OM-FUNDING', omDutyKey(year)));
  return ports;
};

const violationsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleViolationError);
  return (error as RuleViolationError).violations.map((v) => [v.code, v.path]);
};

describe('recordPhase, the one skeleton of a phase filing', () => {
  it('records a self-evaluation and fulfils its ART30-SELF-EVALUATION duty, with the audit event', async () => {
    const { deps, saved, read } = inOperations();
    const evaluation = await selfEvaluate(
      { id: 'p1', actor: owner, evaluation: { documentId: 'eval-1', ratings } },
      deps,
    );
    expect(evaluation).toMatchObject({ projectId: 'p1', documentId: 'eval-1', recordedBy: owner.sub });
    expect(saved.map((c) => c.action)).toEqual(['acceptance.self-evaluated']);
    expect(read.obligations().find((o) => o.code === 'ART30-SELF-EVALUATION')?.status).toBe('fulfilled');
    expect(await deps.records.list('self-evaluation', 'p1')).toEqual([evaluation]);
  });

  it('answers a retried request under the same key with the first answer, recording once', async () => {
    const { deps } = inOperations();
    const input = { id: 'p1', actor: owner, evaluation: { documentId: 'eval-1', ratings }, idempotencyKey: 'k1' };
    const first = await selfEvaluate(input, deps);
    expect(await selfEvaluate(input, deps)).toEqual(first);
    expect(await deps.records.list('self-evaluation', 'p1')).toHaveLength(1);
  });

  it('keeps another department out: the project is not found for it (ART04-ROLE)', async () => {
    const { deps, saved } = inOperations();
    await expect(
      selfEvaluate({ id: 'p1', actor: actorOf('dept-b'), evaluation: { documentId: 'eval-1', ratings } }, deps),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(saved).toEqual([]);
  });

  it('refuses a filing in a stage its lifecycle action does not allow (ART30-SELF-EVALUATION before operations)', async () => {
    const { deps, saved } = inOperations({ stage: 'construction', acceptedOn: null });
    await expect(
      selfEvaluate({ id: 'p1', actor: owner, evaluation: { documentId: 'eval-1', ratings } }, deps),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(saved).toEqual([]);
  });

  it('refuses a document that is not a verified one of its kind under ART30-SELF-EVALUATION', async () => {
    const { deps, saved } = inOperations();
    expect(
      await violationsOf(selfEvaluate({ id: 'p1', actor: owner, evaluation: { documentId: 'om-1', ratings } }, deps)),
    ).toEqual([['ART30-SELF-EVALUATION', 'documentId']]);
    expect(saved).toEqual([]);
  });

  it('refuses a date still to come before reading anything (ART16-PROCUREMENT-PLAN notice)', async () => {
    const { deps } = inMemoryPorts(now);
    await expect(
      publishNotice(
        { id: 'p1', actor: owner, notice: { noticeDocumentId: 'n1', publishedOn: addMonths(today, 1) } },
        deps,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs the phase rule beside the documents: ART16-PROCUREMENT-PLAN wants the plan first and a verified notice', async () => {
    const ports = inMemoryPorts(now);
    ports.arrange.project(storedProject({ stage: 'procurement' }));
    expect(
      await violationsOf(
        publishNotice({ id: 'p1', actor: owner, notice: { noticeDocumentId: 'n1', publishedOn: today } }, ports.deps),
      ),
    ).toEqual([
      ['ART16-PROCUREMENT-PLAN', 'plan'],
      ['ART16-PROCUREMENT-PLAN', 'noticeDocumentId'],
    ]);
  });
});

describe('the yearly O&M report (ART07-OM-FUNDING) on the skeleton', () => {
  const report = (overrides: Record<string, unknown> = {}) => ({
    year,
    onGovCloud: true,
    dataSharedAsDeclared: true,
    collaboratingAsDeclared: true,
    evidenceDocumentId: 'om-1',
    ...overrides,
  });

  it('records the report, awaits the bureau under ART07-OM-FUNDING, owes the next year and starts the confirmation', async () => {
    const { deps, started, read } = inOperations();
    const recorded = await reportOperations({ id: 'p1', actor: owner, report: report() }, deps);
    const duties = read.obligations().filter((o) => o.code === 'ART07-OM-FUNDING');
    expect(duties.find((o) => o.key === omDutyKey(year))).toMatchObject({ status: 'open', pendingSince: today });
    expect(duties.map((o) => o.key)).toContain(omDutyKey(year + 1));
    expect(started).toEqual([{ workflow: 'filing', projectId: 'p1', round: 1, kind: 'om-report-confirmation' }]);
    expect(read.project('p1')?.rounds.filing).toMatchObject({ status: 'running', subjectId: recorded.id });
  });

  it('finds a report off the government cloud at once: an ART07-OM-FUNDING finding with its hold', async () => {
    const { deps, read } = inOperations();
    await reportOperations({ id: 'p1', actor: owner, report: report({ onGovCloud: false }) }, deps);
    expect(read.findings().map((f) => f.code)).toContain('ART07-OM-FUNDING');
    expect(read.holds().length).toBeGreaterThan(0);
  });

  it('refuses while an earlier report awaits the bureau (ART07-OM-FUNDING, one at a time)', async () => {
    const { deps } = inOperations({
      rounds: { filing: runningRound(1, null, { kind: 'om-report-confirmation', subjectId: 'r0' }) },
    });
    await expect(reportOperations({ id: 'p1', actor: owner, report: report() }, deps)).rejects.toThrow(/awaits/);
  });

  it('refuses a year whose ART07-OM-FUNDING duty is not written yet: the years in order', async () => {
    const { deps } = inOperations();
    await expect(
      reportOperations({ id: 'p1', actor: owner, report: report({ year: year + 3 }) }, deps),
    ).rejects.toThrow(/in order/);
  });

  it('refuses a decommissioned project a year that was not found late (ART07-OM-FUNDING)', async () => {
    const { deps } = inOperations({ stage: 'decommissioned', decommissionedOn: today });
    await expect(reportOperations({ id: 'p1', actor: owner, report: report() }, deps)).rejects.toThrow(/found late/);
  });

  it('refuses evidence that is not a verified operations-evidence document (ART07-OM-FUNDING)', async () => {
    const { deps } = inOperations();
    expect(
      await violationsOf(
        reportOperations({ id: 'p1', actor: owner, report: report({ evidenceDocumentId: 'eval-1' }) }, deps),
      ),
    ).toEqual([['ART07-OM-FUNDING', 'evidenceDocumentId']]);
  });

  it('refuses evidence that already backs another year’s report: a document backs one record (ART07-OM-FUNDING)', async () => {
    const ports = inOperations();
    ports.arrange.record('operations-report', {
      ...report({ year: year - 1 }),
      id: 'r0',
      projectId: 'p1',
      recordedAt: now.toISOString(),
      recordedBy: owner.sub,
    });
    await expect(reportOperations({ id: 'p1', actor: owner, report: report() }, ports.deps)).rejects.toThrow(
      /already backs operations-report r0/,
    );
  });
});
