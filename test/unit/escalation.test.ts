import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import { escalateReview } from '#shared/use-cases/workflows/escalate-review.ts';
import { inMemoryPorts, openTask, storedProject } from '../support/in-memory-ports.ts';

/** The step on in-memory ports: a project under technical review and its task. */
const fakes = (task: Partial<StoredTask>) => {
  const ports = inMemoryPorts(new Date('2026-12-31T00:00:00Z'));
  ports.arrange.project(storedProject({ stage: 'tech-review', openReviews: ['tech-review'], version: 4 }));
  ports.arrange.task(openTask(task));
  return { deps: ports.deps, saved: ports.saved, announced: ports.announced };
};

describe('escalating a review that waited past its timeout (ART13-TECH-REVIEW)', () => {
  it('records the escalation, announces it under ART13-TECH-REVIEW, and lets the workflow re-open the review', async () => {
    const { deps, saved, announced } = fakes({ escalations: 0 });
    expect(
      await escalateReview({ kind: 'tech-review', workflow: 'approval', projectId: 'p1', round: 1 }, deps),
    ).toEqual({});
    expect(saved.map((c) => [c.action, c.details.escalation])).toEqual([['review.escalated', 1]]);
    expect(announced).toEqual([
      expect.objectContaining({
        projectCode: 'LC-2026-0001',
        role: 'data-bureau',
        code: 'ART13-TECH-REVIEW',
        article: 13,
        escalation: 1,
      }),
    ]);
  });

  it('announces again, without recording twice, when the step is retried after the escalation was recorded', async () => {
    const { deps, saved, announced } = fakes({ status: 'expired', escalations: 1 });
    expect(
      await escalateReview({ kind: 'tech-review', workflow: 'approval', projectId: 'p1', round: 1 }, deps),
    ).toEqual({});
    expect(saved).toEqual([]);
    expect(announced.map((n) => n.escalation)).toEqual([1]);
  });

  it('hands back a decision recorded while the timeout fired', async () => {
    const decision = {
      decision: 'approve',
      opinion: 'ok',
      checklist: {},
      decidedBy: 'r',
      decidedByName: 'r',
      decidedAt: '',
    };
    const { deps, saved, announced } = fakes({
      status: 'decided',
      decision: { ...decision, decision: 'approve' as const },
    });
    expect(
      await escalateReview({ kind: 'tech-review', workflow: 'approval', projectId: 'p1', round: 1 }, deps),
    ).toEqual({
      decision: 'approve',
    });
    expect(saved).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('tells the workflow to fail on the record once escalations are exhausted', async () => {
    const { deps } = fakes({ escalations: DEFAULT_POLICY.maxEscalations - 1 });
    expect(
      await escalateReview({ kind: 'tech-review', workflow: 'approval', projectId: 'p1', round: 1 }, deps),
    ).toEqual({
      exhausted: true,
    });
  });
});
