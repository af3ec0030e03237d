import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken } from '#infra/local/issuer.ts';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
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

afterAll(async () => {
  for (const { child } of started) await stopSeparate(child);
  removeDataDir(dataDir);
});

describe('npm start keeps its state', () => {
  it('keeps every item and object written before it was killed', async () => {
    const first = await startSeparate(dataDir);
    started.push(first);
    const token = await mintToken(dataDir, { sub: 'restart-admin', roles: ['admin'] });
    const put = await fetch(`${first.url}/v1/departments/restart-dept`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '重启测试局', dataManagementUnit: { name: '信息股', contact: '李四' } }),
    });
    expect(put.status).toBe(200);
    await s3(first.s3).send(new PutObjectCommand({ Bucket: first.bucket, Key: 'restart/object.txt', Body: '保留' }));

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const second = await startSeparate(dataDir);
    started.push(second);
    const list = await fetch(`${second.url}/v1/departments`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await list.json()) as { items: { id: string; name: string }[] };
    expect(body.items).toContainEqual(expect.objectContaining({ id: 'restart-dept', name: '重启测试局' }));
    const object = await s3(second.s3).send(new GetObjectCommand({ Bucket: second.bucket, Key: 'restart/object.txt' }));
    expect(await object.Body?.transformToString()).toBe('保留');
  });
});
