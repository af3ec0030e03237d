import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken } from '#infra/local/issuer.ts';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';

interface Started {
  child: ChildProcess;
  url: string;
  s3: string;
  bucket: string;
}

/** `npm start` as a user runs it (without npm): a separate process on its own data directory. */
const start = (dataDir: string): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      env: { ...process.env, LINGCHUAN_DATA_DIR: dataDir, PORT: '0', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const s3 = /s3: (http:\/\/\S+)/.exec(out)?.[1];
      const bucket = /bucket: (\S+)/.exec(out)?.[1];
      if (url && s3 && bucket) resolve({ child, url, s3, bucket });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });

const dataDir = mkdtempSync(path.join(process.cwd(), '.local-test-restart-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start keeps its state', () => {
  it('keeps every item and object written before it was killed', async () => {
    const first = await start(dataDir);
    children.push(first.child);
    const token = await mintToken(dataDir, { sub: 'restart-admin', roles: ['admin'] });
    const put = await fetch(`${first.url}/v1/departments/restart-dept`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '重启测试局', dataManagementUnit: { name: '信息股', contact: '李四' } }),
    });
    expect(put.status).toBe(200);
    const s3 = new S3Client({
      endpoint: first.s3,
      forcePathStyle: true,
      region: 'cn-north-1',
      credentials: LOCAL_CREDENTIALS,
    });
    await s3.send(new PutObjectCommand({ Bucket: first.bucket, Key: 'restart/object.txt', Body: '保留' }));

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const second = await start(dataDir);
    children.push(second.child);
    const list = await fetch(`${second.url}/v1/departments`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await list.json()) as { items: { id: string; name: string }[] };
    expect(body.items).toContainEqual(expect.objectContaining({ id: 'restart-dept', name: '重启测试局' }));
    const again = new S3Client({
      endpoint: second.s3,
      forcePathStyle: true,
      region: 'cn-north-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const object = await again.send(new GetObjectCommand({ Bucket: second.bucket, Key: 'restart/object.txt' }));
    expect(await object.Body?.transformToString()).toBe('保留');
  });
});
