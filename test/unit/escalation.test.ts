import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import type { EscalationNotice, ProjectChange } from '#shared/use-cases/ports.ts';
import { escalateReview } from '#shared/use-cases/workflows/escalate-review.ts';

/** In-memory stand-ins for what the step touches: this tests the step's decision only. */
const fakes = (task: Partial<StoredTask>) => {
  const saved: ProjectChange[] = [];
  const announced: EscalationNotice[] = [];
  const project = { id: 'p1', code: 'LC-2026-0001', stage: 'tech-review', version: 4 } as StoredProject;
  const stored = {
    id: 'p1.approval.1.tech-review',
    role: 'data-bureau',
    status: 'open',
    escalations: 0,
    token: 't',
    dueDate: '2026-12-01',
    ...task,
  } as StoredTask;
  return {
    saved,
    announced,
    deps: {
      notices: {
        announce: async (notice: EscalationNotice) => {
          announced.push(notice);
        },
      },
      now: () => new Date('2026-12-31T00:00:00Z'),
      policy: DEFAULT_POLICY,
      projects: {
        get: async () => project,
        save: async (change: ProjectChange) => {
          saved.push(change);
          return project;
        },
      },
      tasks: { get: async () => stored, put: (t: StoredTask) => ({ Put: { Item: t } }) },
    } as never,
  };
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
    const { deps, saved, announced } = fakes({ status: 'decided', decision: decision as never });
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
