import { describe, expect, it } from 'vitest';
import { addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import type { ChangeInput } from '#shared/domain/change.ts';
import type { Baseline } from '#shared/domain/construction.ts';
import type { DocumentKind } from '#shared/domain/document.schema.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#shared/domain/errors.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { proposeChange } from '#shared/use-cases/changes/propose-change.ts';
import { actorOf, changeOnRecord, inMemoryPorts, storedProject, verifiedDocument } from '../support/in-memory-ports.ts';
import { codesOf, refusal } from '../support/refusals.ts';

const now = new Date();
const today = shanghaiDate(now);
const staff = actorOf('dept-a');
const head = actorOf('dept-a', { sub: 'dept-a-head', roles: ['dept-head'] });
/** When the approval round concluded: a re-approval's decision and opinion must be newer (ART12). */
const approvedAt = new Date(now.getTime() - 30 * 86_400_000).toISOString();
const since = (days: number) => new Date(new Date(approvedAt).getTime() + days * 86_400_000).toISOString();

const baseline = (overrides: Partial<Baseline> = {}): Baseline => ({
  plannedCompletionOn: addMonths(today, 12),
  milestones: [
    { name: '需求分析', dueOn: addMonths(today, 2), plannedSpentFen: 1_000_000 },
    { name: '上线试运行', dueOn: addMonths(today, 11), plannedSpentFen: 5_000_000 },
  ],
  ...overrides,
});

/** The baseline construction set when it started (ART20), on record. */
const baselineOnRecord = () => ({
  ...baseline(),
  id: SINGLE,
  projectId: 'p1',
  recordedAt: approvedAt,
  recordedBy: 'dept-a-staff',
});

/** A change within 10% of the approved estimate, for a listed reason, goal unchanged: ART22's filing. */
const filing = (overrides: Partial<ChangeInput> = {}): ChangeInput => ({
  reason: 'optimization',
  goalUnchanged: true,
  description: '调整部署方案，总投资相应调整',
  descriptionDocumentId: 'desc',
  adjustedAmountFen: 2_000_000,
  newTotalInvestmentFen: 57_000_000,
  ...overrides,
});
/** A change that moves the goal: declared again (ART22-REAPPROVAL). */
const reapproval = (overrides: Partial<ChangeInput> = {}): ChangeInput =>
  filing({
    goalUnchanged: false,
    collectiveDecisionDocumentId: 'decision',
    expertOpinionDocumentId: 'opinion',
    ...overrides,
  });

/** An approved project building, its change's documents verified (the decision and opinion since its approval). */
const building = (overrides: Partial<Project> = {}) => {
  const ports = inMemoryPorts(now);
  ports.arrange.project(
    storedProject({
      stage: 'construction',
      approvedEstimateFen: 58_000_000,
      constructionStartedAt: approvedAt,
      rounds: {
        approval: {
          round: 1,
          status: 'approved',
          changeId: null,
          passed: ['tech-review', 'project-approval'],
          approvedBudgetFen: null,
          concludedAt: approvedAt,
          kind: null,
          subjectId: null,
        },
      },
      ...overrides,
    }),
  );
  const documents: [string, DocumentKind, string][] = [
    ['desc', 'change-description', since(1)],
    ['decision', 'collective-decision', since(2)],
    ['opinion', 'expert-opinion', since(2)],
  ];
  for (const [id, kind, createdAt] of documents)
    ports.arrange.document({ ...verifiedDocument('p1', id, kind), createdAt });
  return ports;
};

const pathsOf = async (promise: Promise<unknown>) => {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => i.path);
};
const propose = (change: ChangeInput, actor: Actor = staff, idempotencyKey?: string) => ({
  id: 'p1',
  actor,
  change,
  idempotencyKey,
});

describe('proposing a change (ART22), on in-memory ports', () => {
  it('files a change within the limit and applies it at once (ART22-CHANGE-FILING): the new total, no round', async () => {
    const { deps, saved, started, read } = building();
    const change = await proposeChange(propose(filing()), deps);
    expect(change).toMatchObject({ route: 'filing', status: 'filed', round: null, seq: 1 });
    expect(saved.map((c) => c.action)).toEqual(['change.filed']);
    expect(read.project('p1')?.totalInvestmentFen).toBe(57_000_000);
    expect(read.records('change', 'p1')).toEqual([change]);
    expect(started).toEqual([]);
  });

  it('files a new baseline with its change once construction set one (ART20-BASELINE)', async () => {
    const { deps, arrange, read } = building();
    arrange.record('baseline', baselineOnRecord());
    const moved = baseline({ plannedCompletionOn: addMonths(today, 14) });
    await proposeChange(propose(filing({ baseline: moved })), deps);
    expect(read.records('baseline', 'p1')).toEqual([
      expect.objectContaining({ plannedCompletionOn: moved.plannedCompletionOn }),
    ]);
  });

  it('sends a filing above Finance’s budget to the budget review before it applies (ART22, ART14-FINANCE-REVIEW)', async () => {
    const { deps, started, read } = building({ approvedBudgetFen: 56_000_000, totalInvestmentFen: 56_000_000 });
    const change = await proposeChange(propose(filing({ newTotalInvestmentFen: 57_000_000 })), deps);
    expect(change).toMatchObject({
      route: 'filing',
      status: 'pending',
      budgetReview: 'required',
      budgetReviewStatus: 'open',
    });
    expect(read.project('p1')?.totalInvestmentFen).toBe(56_000_000);
    expect(started).toEqual([{ workflow: 'budget', projectId: 'p1', round: 1 }]);
  });

  it('declares a change of goal again through approval, posted by the head with its own decision and opinion (ART22-REAPPROVAL)', async () => {
    const { deps, saved, started, read } = building();
    const change = await proposeChange(propose(reapproval(), head), deps);
    expect(change).toMatchObject({ route: 'reapproval', status: 'pending', round: 2 });
    expect(saved.map((c) => c.action)).toEqual(['change.declared']);
    expect(read.project('p1')?.rounds.approval).toMatchObject({ round: 2, status: 'running', changeId: change.id });
    expect(started).toEqual([{ workflow: 'approval', projectId: 'p1', round: 2 }]);
  });

  it('refuses a re-approval by staff, without a decision and opinion made since the approval (ART22-REAPPROVAL)', async () => {
    const { deps, arrange, saved } = building();
    arrange.document({ ...verifiedDocument('p1', 'decision', 'collective-decision'), createdAt: since(-1) });
    const change = reapproval({ expertOpinionDocumentId: undefined });
    expect(await codesOf(proposeChange(propose(change), deps))).toEqual([
      'ART22-REAPPROVAL',
      'ART22-REAPPROVAL',
      'ART22-REAPPROVAL',
    ]);
    expect(saved).toEqual([]);
  });

  it('refuses a filing whose description is not a verified document of the project (ART22-CHANGE-FILING)', async () => {
    const { deps } = building();
    expect(await codesOf(proposeChange(propose(filing({ descriptionDocumentId: 'decision' })), deps))).toEqual([
      'ART22-CHANGE-FILING',
    ]);
  });

  it('refuses a new baseline planning above the budget as it stands (ART20-BASELINE)', async () => {
    const { deps, arrange } = building({ approvedBudgetFen: 4_000_000 });
    arrange.record('baseline', baselineOnRecord());
    expect(await codesOf(proposeChange(propose(filing({ baseline: baseline() })), deps))).toEqual(['ART20-BASELINE']);
  });

  it('refuses with 400 a baseline before construction set one, an unsound baseline, and an adjusted amount below the change to the total', async () => {
    const { deps, arrange } = building();
    expect(await pathsOf(proposeChange(propose(filing({ baseline: baseline() })), deps))).toEqual(['baseline']);
    arrange.record('baseline', baselineOnRecord());
    const late = baseline({ plannedCompletionOn: addMonths(today, -1) });
    expect(await pathsOf(proposeChange(propose(filing({ baseline: late })), deps))).toContain(
      'baseline.plannedCompletionOn',
    );
    expect(await pathsOf(proposeChange(propose(filing({ adjustedAmountFen: 100 })), deps))).toEqual([
      'adjustedAmountFen',
    ]);
  });

  it('keeps one pending change at a time (409), starting its round again in case its start was lost', async () => {
    const { deps, arrange, started, saved } = building();
    arrange.record('change', changeOnRecord({ route: 'reapproval', status: 'pending', round: 2 }));
    await expect(proposeChange(propose(filing()), deps)).rejects.toBeInstanceOf(ConflictError);
    expect(started).toEqual([{ workflow: 'approval', projectId: 'p1', round: 2 }]);
    expect(saved).toEqual([]);
  });

  it('refuses a change outside procurement and construction (409), by another department (404), by a bureau that sees it (ART04-ROLE)', async () => {
    const { deps } = building({ stage: 'approved' });
    await expect(proposeChange(propose(filing()), deps)).rejects.toBeInstanceOf(ConflictError);
    const other = building();
    await expect(proposeChange(propose(filing(), actorOf('dept-b')), other.deps)).rejects.toBeInstanceOf(NotFoundError);
    const bureau: Actor = { sub: 'reviewer', name: '审核员', deptId: 'data', roles: ['data-bureau'] };
    await expect(proposeChange(propose(filing(), bureau), other.deps)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers a retry with the same Idempotency-Key as the first time, and the key with another change 409', async () => {
    const { deps, saved } = building();
    const first = await proposeChange(propose(filing(), staff, 'k1'), deps);
    expect(await proposeChange(propose(filing(), staff, 'k1'), deps)).toEqual(first);
    expect(saved).toHaveLength(1);
    await expect(
      proposeChange(propose(filing({ adjustedAmountFen: 3_000_000 }), staff, 'k1'), deps),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
