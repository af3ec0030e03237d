import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import type { ProjectChange } from '#shared/use-cases/ports.ts';
import { recordWorkflowFailure } from '#shared/use-cases/workflows/conclude-round.ts';

/** In-memory stand-ins for what closing a round touches: this tests the step's decision only. */
const fakes = (project: Partial<StoredProject>, open: Partial<StoredTask>[] = []) => {
  const saved: ProjectChange[] = [];
  const stored = {
    id: 'p1',
    code: 'LC-2026-0001',
    stage: 'tech-review',
    version: 4,
    openReviews: ['tech-review'],
    rounds: { approval: runningRound(1) },
    approvedBy: [],
    constructionStartedAt: null,
    emergency: null,
    ...project,
  } as StoredProject;
  return {
    saved,
    deps: {
      now: () => new Date('2026-12-01T00:00:00Z'),
      policy: DEFAULT_POLICY,
      projects: {
        get: async () => stored,
        save: async (change: ProjectChange) => {
          saved.push(change);
          return { ...stored, ...change.set };
        },
      },
      tasks: {
        get: async (id: string) => open.find((t) => t.id === id) as StoredTask | undefined,
        put: (t: StoredTask) => ({ Put: { Item: t } }),
      },
      obligations: { ofProject: async () => [], settle: () => ({}) },
      records: { get: async () => undefined, list: async () => [] },
      findings: {},
      calendar: {},
    } as never,
  };
};

describe('a workflow step that fails', () => {
  it('closes its round as failed and sends the declaration back to its department (ART13-TECH-REVIEW)', async () => {
    const task = { id: 'p1.approval.1.tech-review', status: 'open', token: 't' } as Partial<StoredTask>;
    const { deps, saved } = fakes({}, [task]);
    await recordWorkflowFailure(
      { workflow: 'approval', projectId: 'p1', round: 1, error: 'Lambda.Unknown', cause: 'x' },
      deps,
    );
    expect(saved).toHaveLength(1);
    const [change] = saved;
    expect(change).toMatchObject({
      action: 'workflow.failed',
      details: { round: 1, outcome: 'failed', error: 'Lambda.Unknown', closedTasks: ['p1.approval.1.tech-review'] },
      set: { stage: 'returned', openReviews: [], rounds: { approval: { round: 1, status: 'failed' } } },
    });
    expect(JSON.stringify(change?.details)).not.toContain('x');
  });

  it('records the failure of a round already over, and changes nothing else', async () => {
    const { deps, saved } = fakes({ rounds: { approval: { ...runningRound(1), status: 'approved' } } });
    await recordWorkflowFailure({ workflow: 'approval', projectId: 'p1', round: 1, error: 'E', cause: '' }, deps);
    expect(saved.map((c) => [c.action, c.set, c.details.roundClosed])).toEqual([['workflow.failed', undefined, false]]);
  });
});
