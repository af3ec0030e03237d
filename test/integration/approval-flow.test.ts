import { describe, expect, it } from 'vitest';
import { call } from './support/client.ts';
import { bureau, decide, readyProject, submit, waitForStage } from './support/scenario.ts';

describe('approval workflow against the local runtime', () => {
  it('takes a small project through ART13-TECH-REVIEW only to approved', async () => {
    const { project, staff } = await readyProject({ totalInvestmentFen: 10_000_000 });
    const submitted = await submit(project.id, await staff());
    expect(submitted.stage).toBe('tech-review');
    const decided = await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const approved = await waitForStage(project.id, await staff(), 'approved');
    expect(approved.openReviews).toEqual([]);
    const verify = await call<{ valid: boolean; count: number }>('GET', `/v1/projects/${project.id}/events/verify`, {
      token: await staff(),
    });
    expect(verify.body.valid).toBe(true);
  });
});
