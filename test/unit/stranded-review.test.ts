import { describe, expect, it } from 'vitest';
import type { StoredTask } from '#shared/domain/review.ts';
import { REVIEWING_STAGES, strandedReviews } from '#shared/domain/stranded-review.ts';
import { runningRound } from '#shared/domain/workflow.ts';

const task = (id: string, status: StoredTask['status'], decision?: 'approve' | 'return') =>
  ({
    id,
    status,
    token: `token-${id}`,
    ...(decision ? { decision: { decision, opinion: '意见', checklist: {} } } : {}),
  }) as unknown as StoredTask;

describe('stranded reviews (issue #22 item 1: a crash never strands a review)', () => {
  it('are looked for where a round runs: declarations, changes and acceptances', () => {
    expect([...REVIEWING_STAGES].sort()).toEqual(
      ['acceptance', 'approval-review', 'construction', 'procurement', 'tech-review'].sort(),
    );
  });

  it('finds an open review whose task was never opened (its round to start), and nothing when the task is open', () => {
    const project = { id: 'p', openReviews: ['tech-review' as const], rounds: { approval: runningRound(2) } };
    expect(strandedReviews(project, new Map()).map((s) => [s.kind, s.repair, s.round, s.taskId])).toEqual([
      ['tech-review', 'start-workflow', 2, 'p.approval.2.tech-review'],
    ]);
    const open = new Map([['p.approval.2.tech-review', task('p.approval.2.tech-review', 'open')]]);
    expect(strandedReviews(project, open)).toEqual([]);
  });

  it('finds a decision recorded in a round still running (to hand over), never a review of a round that is over', () => {
    const decided = new Map([['p.approval.1.tech-review', task('p.approval.1.tech-review', 'decided', 'approve')]]);
    const running = { id: 'p', openReviews: [] as 'tech-review'[], rounds: { approval: runningRound(1) } };
    expect(strandedReviews(running, decided).map((s) => [s.kind, s.repair])).toEqual([
      ['tech-review', 'deliver-decision'],
    ]);
    const over = { ...running, rounds: { approval: { ...runningRound(1), status: 'approved' as const } } };
    expect(strandedReviews(over, decided)).toEqual([]);
    expect(strandedReviews({ ...over, openReviews: ['tech-review' as const] }, new Map())).toEqual([]);
  });
});
