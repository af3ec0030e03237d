import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalRuntime, startLocalRuntime } from '#infra/local/runtime.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: { url: string; dataDir: string; dynamodb: string; s3: string; tableName: string; bucketName: string };
  }
}

let runtime: LocalRuntime | undefined;

/** One local runtime for every integration test file, on a fresh data directory. */
export async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
  const dataDir = mkdtempSync(path.join(process.cwd(), '.local-test-'));
  // The functions' JSON log lines and EMF metric lines go to runtime.log (tests read it), not to the test report.
  const logFile = path.join(dataDir, 'runtime.log');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{"level"') || text.startsWith('{"_aws"')) {
        appendFileSync(logFile, text);
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  runtime = await startLocalRuntime({ dataDir, port: 0, schedules: false });
  project.provide('runtime', {
    url: runtime.url,
    dataDir,
    dynamodb: runtime.endpoints.dynamodb,
    s3: runtime.endpoints.s3,
    tableName: runtime.tableName,
    bucketName: runtime.bucketName,
  });
}

export async function teardown() {
  if (process.env.KEEP_RUNTIME_LOG) return runtime?.stop();
  await runtime?.stop();
  if (runtime) rmSync(runtime.dataDir, { recursive: true, force: true });
}
