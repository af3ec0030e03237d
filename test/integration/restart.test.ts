import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { call, tokenFor, useRuntime } from './support/client.ts';
import {
  bureau,
  decide,
  openTask,
  readyProject,
  registerDepartment,
  submit,
  waitForStage,
} from './support/scenario.ts';
import {
  removeDataDir,
  type SeparateRuntime,
  separateDataDir,
  startSeparate,
  stopSeparate,
} from './support/separate-runtime.ts';

const dataDir = separateDataDir('restart');
const started: SeparateRuntime[] = [];
const s3 = (endpoint: string) =>
  new S3Client({ endpoint, forcePathStyle: true, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS });

const start = async () => {
  const runtime = await startSeparate(dataDir);
  started.push(runtime);
  useRuntime({ url: runtime.url, dataDir });
  return runtime;
};

const kill = async (runtime: SeparateRuntime) => {
  const exited = new Promise((resolve) => runtime.child.once('exit', resolve));
  runtime.child.kill('SIGKILL');
  await exited;
};

afterAll(async () => {
  for (const { child } of started) await stopSeparate(child);
  removeDataDir(dataDir);
});

describe('npm start keeps its state', () => {
  it('keeps every item, object and waiting review across a kill -9 and a restart', async () => {
    const first = await start();
    // A first start registers the department the sign-in presets declare with (ART09) and a
    // co-builder; the county then renames one, which no later start may undo.
    const admin = await tokenFor({ roles: ['admin'], sub: 'restart-admin' });
    const seeded = await call<{ items: { id: string; name: string }[] }>('GET', '/v1/departments', { token: admin });
    expect(seeded.body.items.map((d) => d.id)).toEqual(expect.arrayContaining(['edu', 'health']));
    const renamed = await call('PUT', '/v1/departments/edu', {
      token: admin,
      body: { name: '县教育和体育局', dataManagementUnit: { name: '教育信息中心', contact: '0356-6200000' } },
    });
    expect(renamed.status).toBe(200);
    await registerDepartment('restart-dept');
    await s3(first.s3).send(new PutObjectCommand({ Bucket: first.bucket, Key: 'restart/object.txt', Body: '保留' }));
    const { project, staff } = await readyProject({ totalInvestmentFen: 1_000_000 }, 'restart-owner');
    await submit(project.id, await staff());
    const reviewer = await bureau('data-bureau');
    await openTask(project.id, 1, 'tech-review', reviewer);

    await kill(first);
    const second = await start();

    const departments = await call<{ items: { id: string }[] }>('GET', '/v1/departments', { token: reviewer });
    expect(departments.body.items.map((d) => d.id)).toEqual(expect.arrayContaining(['restart-dept', 'restart-owner']));
    const edu = (departments.body.items as { id: string; name?: string }[]).find((d) => d.id === 'edu');
    expect(edu?.name).toBe('县教育和体育局');
    const object = await s3(second.s3).send(new GetObjectCommand({ Bucket: second.bucket, Key: 'restart/object.txt' }));
    expect(await object.Body?.transformToString()).toBe('保留');

    // The replayed execution waits under the same token: the decision reaches it and it finishes.
    const decided = await decide(project.id, 1, 'tech-review', 'approve', reviewer);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await waitForStage(project.id, await staff(), 'approved');
    const verify = await call<{ valid: boolean }>('GET', `/v1/projects/${project.id}/events/verify`, {
      token: await staff(),
    });
    expect(verify.body.valid).toBe(true);
  }, 120_000);
});
