import { describe, expect, it } from 'vitest';
import { addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import type { DocumentKind } from '#shared/domain/document.schema.ts';
import {
  ConcurrentModificationError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { DecisionInput, StoredTask } from '#shared/domain/review.ts';
import { checklistItems, REVIEWS, type ReviewKind } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { decideTask } from '#shared/use-cases/workflows/decide-task.ts';
import {
  actorOf,
  changeOnRecord,
  inMemoryPorts,
  openTask,
  storedProject,
  verifiedDocument,
} from '../support/in-memory-ports.ts';
import { codesOf, refusal } from '../support/refusals.ts';

const now = new Date();
const today = shanghaiDate(now);
const tomorrow = new Date(now.getTime() + 86_400_000).toISOString();
const dataBureau: Actor = { sub: 'reviewer', name: '审核员', deptId: 'data', roles: ['data-bureau'] };
const finance: Actor = { sub: 'finance-officer', name: '财政员', deptId: 'fin', roles: ['finance'] };

const allOk = (kind: ReviewKind) => Object.fromEntries(checklistItems(kind).map((item) => [item, { ok: true }]));
const approve = (kind: ReviewKind, overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'approve',
  opinion: '同意',
  opinionDocumentId: 'op',
  checklist: allOk(kind),
  ...overrides,
});

/**
 * A project whose `kind` review is open in round 1 of its workflow, the reviewer's verified
 * opinion for it uploaded: what a decision finds on record when nothing is wrong.
 */
const reviewing = (
  kind: ReviewKind,
  options: { project?: Partial<Project>; task?: Partial<StoredTask>; reviewer?: Actor } = {},
) => {
  const review = REVIEWS[kind];
  const ports = inMemoryPorts(now);
  const task = openTask({
    id: `p1.${review.workflow}.1.${kind}`,
    kind,
    role: review.role,
    workflow: review.workflow,
    checklistItems: checklistItems(kind),
    dueDate: addMonths(today, 1),
    expiresAt: tomorrow,
    ...options.task,
  });
  ports.arrange.project(
    storedProject({
      stage: review.workflow === 'acceptance' ? 'acceptance' : 'tech-review',
      submittedBy: 'dept-a-staff',
      openReviews: [kind],
      rounds: { [review.workflow]: runningRound(1) },
      ...options.project,
    }),
  );
  ports.arrange.task(task);
  if (review.opinion) {
    ports.arrange.document({
      ...verifiedDocument('p1', 'op', review.opinion as DocumentKind),
      uploadedBy: (options.reviewer ?? dataBureau).sub,
      taskId: task.id,
    });
  }
  return { ...ports, task };
};

describe('deciding a review task, on in-memory ports', () => {
  it('approves a technical review (ART13-TECH-REVIEW): the task decided, the round passed, the decision handed to the workflow', async () => {
    const { deps, task, saved, decisionsSent, read } = reviewing('tech-review');
    const decided = await decideTask({ taskId: task.id, actor: dataBureau, decision: approve('tech-review') }, deps);
    expect(decided).toMatchObject({
      status: 'decided',
      conflictOfInterest: false,
      decision: { decidedBy: 'reviewer' },
    });
    expect(decided).not.toHaveProperty('token');
    expect(saved.map((c) => c.action)).toEqual(['review.decided']);
    expect(read.project('p1')?.openReviews).toEqual([]);
    expect(read.project('p1')?.rounds.approval?.passed).toEqual(['tech-review']);
    expect(read.task(task.id)?.status).toBe('decided');
    expect(decisionsSent).toEqual([{ token: task.token, output: { decision: 'approve' } }]);
  });

  it('answers 404 for a task that does not exist, and for one the caller may not see', async () => {
    const { deps, task } = reviewing('tech-review');
    const decision = approve('tech-review');
    await expect(decideTask({ taskId: 'nope', actor: dataBureau, decision }, deps)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(decideTask({ taskId: task.id, actor: actorOf('dept-b'), decision }, deps)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses under ART04-ROLE whoever lacks the review’s role, who declared the project, and the owner department', async () => {
    const decision = approve('tech-review');
    const asOwnerStaff = reviewing('tech-review');
    await expect(
      decideTask({ taskId: asOwnerStaff.task.id, actor: actorOf('dept-a'), decision }, asOwnerStaff.deps),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const asSubmitter = reviewing('tech-review', { task: { submittedBy: dataBureau.sub } });
    await expect(
      decideTask({ taskId: asSubmitter.task.id, actor: dataBureau, decision }, asSubmitter.deps),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const ownReviewer = { ...dataBureau, deptId: 'dept-a' };
    const asOwner = reviewing('tech-review', { reviewer: ownReviewer });
    await expect(
      decideTask({ taskId: asOwner.task.id, actor: ownReviewer, decision }, asOwner.deps),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect([...asOwnerStaff.saved, ...asSubmitter.saved, ...asOwner.saved]).toEqual([]);
  });

  it('lets the reviewing bureau decide its own project rather than deadlock, marked a conflict of interest (ART04-ROLE)', async () => {
    const ownReviewer = { ...dataBureau, deptId: 'dept-a' };
    const { deps, task, read } = reviewing('tech-review', {
      task: { ownerBureauRole: 'data-bureau' },
      reviewer: ownReviewer,
    });
    const decided = await decideTask({ taskId: task.id, actor: ownReviewer, decision: approve('tech-review') }, deps);
    expect(decided.conflictOfInterest).toBe(true);
    expect(read.task(task.id)?.conflictOfInterest).toBe(true);
  });

  it('answers 409 for a task decided already, a review its round no longer runs, and a task expired', async () => {
    const decision = approve('tech-review');
    const decided = reviewing('tech-review', { task: { status: 'decided' } });
    const concluded = reviewing('tech-review', { project: { openReviews: [] } });
    const expired = reviewing('tech-review', { task: { expiresAt: new Date(now.getTime() - 1000).toISOString() } });
    for (const { deps, task, saved, decisionsSent } of [decided, concluded, expired]) {
      await expect(decideTask({ taskId: task.id, actor: dataBureau, decision }, deps)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(saved).toEqual([]);
      expect(decisionsSent).toEqual([]);
    }
  });

  it('reads a decision that lost its race again, and answers 409 when another decision won', async () => {
    const { deps, task, arrange, saved, decisionsSent } = reviewing('tech-review');
    arrange.refusedChanges('p1', () => {
      // Another reviewer's decision lands first: the task is decided when this one is read again.
      arrange.task({ ...task, status: 'decided' });
      return new ConcurrentModificationError('The project changed.');
    });
    const error = await refusal(
      decideTask({ taskId: task.id, actor: dataBureau, decision: approve('tech-review') }, deps),
    );
    // The answer of the second reading, not the lost race itself.
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(ConcurrentModificationError);
    expect((error as ConflictError).message).toBe('The task is decided.');
    expect(saved).toEqual([]);
    expect(decisionsSent).toEqual([]);
  });

  it('refuses a decision that leaves a checklist item unanswered (400, naming the item)', async () => {
    const { deps, task } = reviewing('tech-review');
    const { noPolicyConflict: _left, ...checklist } = allOk('tech-review');
    const error = await refusal(
      decideTask({ taskId: task.id, actor: dataBureau, decision: approve('tech-review', { checklist }) }, deps),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['checklist.noPolicyConflict']);
  });

  it('refuses to approve past a failed blocking item under its rule (ART07-POLICY-CONFLICT) and without the opinion (ART13-TECH-REVIEW)', async () => {
    const { deps, task, saved } = reviewing('tech-review');
    const decision = approve('tech-review', {
      opinionDocumentId: null,
      checklist: { ...allOk('tech-review'), noPolicyConflict: { ok: false } },
    });
    expect(await codesOf(decideTask({ taskId: task.id, actor: dataBureau, decision }, deps))).toEqual([
      'ART07-POLICY-CONFLICT',
      'ART13-TECH-REVIEW',
    ]);
    expect(saved).toEqual([]);
  });

  it('refuses an opinion another reviewer uploaded (ART04-ROLE), and a correction into a forbidden scope (ART07-FORBIDDEN-SCOPE)', async () => {
    const { deps, task, arrange } = reviewing('tech-review');
    arrange.document({ ...verifiedDocument('p1', 'op', 'tech-review-opinion'), uploadedBy: 'someone-else' });
    const decision = approve('tech-review', {
      classification: {
        keyProject: false,
        involvesConstruction: false,
        scope: { dataCentre: true, machineRoom: false, cloudPlatform: false },
      },
    });
    expect(await codesOf(decideTask({ taskId: task.id, actor: dataBureau, decision }, deps))).toEqual([
      'ART07-FORBIDDEN-SCOPE',
      'ART04-ROLE',
    ]);
  });

  it('refuses a finance approval without a budget, or above the total a change asks for (ART14-FINANCE-REVIEW, ART22)', async () => {
    const options = {
      project: { stage: 'approval-review' as const },
      task: { changeId: 'c1' },
      reviewer: finance,
    };
    const { deps, task, arrange } = reviewing('finance-review', options);
    arrange.record(
      'change',
      changeOnRecord({ route: 'reapproval', status: 'pending', newTotalInvestmentFen: 60_000_000 }),
    );
    expect(
      await codesOf(decideTask({ taskId: task.id, actor: finance, decision: approve('finance-review') }, deps)),
    ).toEqual(['ART14-FINANCE-REVIEW']);
    const above = approve('finance-review', { approvedBudgetFen: 60_000_001 });
    expect(await codesOf(decideTask({ taskId: task.id, actor: finance, decision: above }, deps))).toEqual([
      'ART14-FINANCE-REVIEW',
    ]);
  });

  it('approves a finance review with its budget (ART14-FINANCE-REVIEW): the round carries it and the ART14-BUDGET-FILING duty opens', async () => {
    const { deps, task, read } = reviewing('finance-review', {
      project: { stage: 'approval-review' },
      reviewer: finance,
    });
    const decision = approve('finance-review', { approvedBudgetFen: 50_000_000 });
    await decideTask({ taskId: task.id, actor: finance, decision }, deps);
    expect(read.project('p1')?.rounds.approval?.approvedBudgetFen).toBe(50_000_000);
    expect(read.obligations()).toEqual([
      expect.objectContaining({ code: 'ART14-BUDGET-FILING', key: 'approval-1', status: 'open' }),
    ]);
  });

  it('refuses a technical acceptance while security and assets are not on record (ART24-SECURITY, ART21-ASSETS)', async () => {
    const { deps, task } = reviewing('tech-acceptance');
    const codes = await codesOf(
      decideTask({ taskId: task.id, actor: dataBureau, decision: approve('tech-acceptance') }, deps),
    );
    expect(new Set(codes)).toEqual(new Set(['ART24-SECURITY', 'ART21-ASSETS']));
  });

  it('returns a technical acceptance without asking for the gates a return does not need (ART27-ACCEPTANCE-ORDER)', async () => {
    const { deps, task, read } = reviewing('tech-acceptance');
    const decision = approve('tech-acceptance', { decision: 'return', opinionDocumentId: null });
    await decideTask({ taskId: task.id, actor: dataBureau, decision }, deps);
    expect(read.project('p1')?.rounds.acceptance?.passed).toEqual([]);
    expect(read.task(task.id)?.decision?.decision).toBe('return');
  });
});
