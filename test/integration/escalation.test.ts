import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalNotice } from '#infra/local/sns-local.ts';
import { call, useRuntime } from './support/client.ts';
import { bureau, decide, eventually, readyProject, submit, taskIdOf, waitForStage } from './support/scenario.ts';
import {
  removeDataDir,
  type SeparateRuntime,
  separateDataDir,
  startSeparate,
  stopSeparate,
} from './support/separate-runtime.ts';

const dataDir = separateDataDir('escalation');
let separate: SeparateRuntime | undefined;

beforeAll(async () => {
  // The same system with the review timeout shortened to 2 seconds.
  separate = await startSeparate(dataDir, { LINGCHUAN_REVIEW_TIMEOUT_SECONDS: '2' });
  useRuntime({ url: separate.url, dataDir });
});

afterAll(async () => {
  if (separate) await stopSeparate(separate.child);
  removeDataDir(dataDir);
});

describe('a review that waits past its timeout', () => {
  it('escalates (recorded, announced on the escalation topic), re-opens the task with a new token, and still accepts the decision after', async () => {
    const { project, staff } = await readyProject({ totalInvestmentFen: 1_000_000 });
    await submit(project.id, await staff());
    const reviewer = await bureau('data-bureau');
    const reopened = await eventually(async () => {
      const task = await call<{ escalations: number; status: string }>(
        'GET',
        `/v1/tasks/${taskIdOf(project.id, 1, 'tech-review')}`,
        {
          token: reviewer,
        },
      );
      return task.body.escalations >= 1 && task.body.status === 'open' ? task.body : undefined;
    });
    expect(reopened.escalations).toBeGreaterThanOrEqual(1);
    const events = await call<{ items: { action: string }[] }>('GET', `/v1/projects/${project.id}/events`, {
      token: await staff(),
    });
    expect(events.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['review.escalated', 'review.reopened']),
    );
    // Announced on the escalation topic, which the local runtime keeps in notifications.jsonl.
    const notice = await eventually(async () => {
      const file = path.join(dataDir, 'notifications.jsonl');
      const notices = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      return notices.map((line) => JSON.parse(line) as LocalNotice).find((n) => n.message.includes(project.id));
    });
    expect(notice).toMatchObject({
      topicArn: expect.stringContaining('ReviewEscalations'),
      subject: `Review overdue: ${project.code} (ART13-TECH-REVIEW)`,
      attributes: { role: 'data-bureau', code: 'ART13-TECH-REVIEW' },
    });
    expect(notice.message).toContain(`项目 ${project.code}`);

    // A decision lands on whichever token is current; retried if the 2-second window closes first.
    const decided = await eventually(async () => {
      const response = await decide(project.id, 1, 'tech-review', 'approve', reviewer);
      return response.status === 200 ? response : undefined;
    });
    expect(decided.status).toBe(200);
    await waitForStage(project.id, await staff(), 'approved');
  }, 120_000);
});
