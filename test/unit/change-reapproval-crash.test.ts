import { describe, expect, it } from 'vitest';
import { strandedReviews } from '#shared/domain/stranded-review.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { proposeChange } from '#shared/use-cases/changes/propose-change.ts';
import { actorOf, inMemoryPorts, storedProject, verifiedDocument } from '../support/in-memory-ports.ts';

const head = actorOf('dept-a', { sub: 'dept-a-head', roles: ['dept-head'] });

/** An approved project building, with a verified description, collective decision and expert opinion made since its approval. */
const building = () => {
  const ports = inMemoryPorts(new Date());
  ports.arrange.project(
    storedProject({
      stage: 'construction',
      approvedEstimateFen: 58_000_000,
      rounds: { approval: { ...runningRound(1), status: 'approved', concludedAt: '2026-01-01T00:00:00.000Z' } },
    }),
  );
  ports.arrange.document(verifiedDocument('p1', 'd-description', 'change-description'));
  ports.arrange.document(verifiedDocument('p1', 'd-decision', 'collective-decision'));
  ports.arrange.document(verifiedDocument('p1', 'd-opinion', 'expert-opinion'));
  return ports;
};

const reapproval = {
  reason: 'other' as const,
  goalUnchanged: true,
  description: '扩展业务范围',
  descriptionDocumentId: 'd-description',
  adjustedAmountFen: 1_000_000,
  newTotalInvestmentFen: 58_000_000,
  collectiveDecisionDocumentId: 'd-decision',
  expertOpinionDocumentId: 'd-opinion',
};

describe('a change declared again (ART22-REAPPROVAL) when the process dies before its workflow starts (issue #22 item 1)', () => {
  it('has its round’s tech-review open from the change’s own write, so the sweep finds it stranded and starts it', async () => {
    const ports = building();
    // The change's transaction lands; the process is killed before it starts the round's execution.
    ports.deps.workflows.start = async () => {
      throw new Error('killed');
    };
    await expect(
      proposeChange({ id: 'p1', actor: head, change: reapproval, idempotencyKey: 'k1' }, ports.deps),
    ).rejects.toThrow('killed');

    const project = ports.read.project('p1');
    expect(project?.rounds.approval).toMatchObject({ round: 2, status: 'running' });
    expect(project?.openReviews).toEqual(['tech-review']);
    expect(project ? strandedReviews(project, new Map()).map((s) => [s.taskId, s.repair]) : []).toEqual([
      ['p1.approval.2.tech-review', 'start-workflow'],
    ]);
  });
});
