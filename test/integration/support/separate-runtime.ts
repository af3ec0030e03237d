import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface SeparateRuntime {
  readonly child: ChildProcess;
  readonly url: string;
  readonly s3: string;
  readonly bucket: string;
  readonly dataDir: string;
}

/** `npm start` as a user runs it (without npm): its own process, its own data directory. */
export const startSeparate = (dataDir: string, env: Record<string, string> = {}): Promise<SeparateRuntime> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      env: { ...process.env, LINGCHUAN_DATA_DIR: dataDir, PORT: '0', POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const s3 = /s3: (http:\/\/\S+)/.exec(out)?.[1];
      const bucket = /bucket: (\S+)/.exec(out)?.[1];
      if (url && s3 && bucket) resolve({ child, url, s3, bucket, dataDir });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });

export const stopSeparate = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

export const separateDataDir = (name: string) => mkdtempSync(path.join(process.cwd(), `.local-test-${name}-`));
export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
