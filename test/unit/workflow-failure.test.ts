import { describe, expect, it } from 'vitest';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { recordWorkflowFailure } from '#shared/use-cases/workflows/conclude-round.ts';
import { inMemoryPorts, openTask, storedProject } from '../support/in-memory-ports.ts';

/** Closing a round on in-memory ports: a project under technical review and its open tasks. */
const fakes = (project: Partial<StoredProject>, open: Partial<StoredTask>[] = []) => {
  const ports = inMemoryPorts(new Date('2026-12-01T00:00:00Z'));
  ports.arrange.project(
    storedProject({
      stage: 'tech-review',
      version: 4,
      openReviews: ['tech-review'],
      rounds: { approval: runningRound(1) },
      ...project,
    }),
  );
  for (const task of open) ports.arrange.task(openTask(task));
  return { deps: ports.deps, saved: ports.saved };
};

describe('a workflow step that fails', () => {
  it('closes its round as failed and sends the declaration back to its department (ART13-TECH-REVIEW)', async () => {
    const task: Partial<StoredTask> = { id: 'p1.approval.1.tech-review', status: 'open', token: 't' };
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
