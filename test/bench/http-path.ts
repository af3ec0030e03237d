import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import path from 'node:path';
import { PROJECT_ROOT } from '#infra/constructs/house-function.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { percentile } from './stats.ts';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const get = (url: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    })
      .on('error', reject)
      .end();
  });

/**
 * `GET /v1/health` through the local gateway (JWT-free route, middy stack, handler) against a
 * bare Node HTTP server answering the same body, interleaved in batches so that machine noise
 * falls on both alike.
 */
export const benchHttpPath = async (runtime: LocalRuntime) => {
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
  const address = bare.address();
  const bareUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/health`;
  const gatewayUrl = `${runtime.url}/v1/health`;

  // Both paths are warmed until the JIT has settled: the figure is steady-state latency, not compile time.
  for (let i = 0; i < 5000; i++) {
    await get(bareUrl);
    await get(gatewayUrl);
  }
  const gateway: number[] = [];
  const baseline: number[] = [];
  for (let batch = 0; batch < 40; batch++) {
    for (let i = 0; i < 100; i++) baseline.push(await get(bareUrl));
    for (let i = 0; i < 100; i++) gateway.push(await get(gatewayUrl));
  }
  bare.close();
  agent.destroy();
  const p50 = percentile(gateway, 50) / percentile(baseline, 50);
  const p99 = percentile(gateway, 99) / percentile(baseline, 99);
  console.log(
    `\nLocal HTTP path, GET /v1/health, ${gateway.length} requests each after 5,000 warm-up requests, one keep-alive connection:`,
  );
  console.log(
    `  bare server  p50 ${percentile(baseline, 50).toFixed(3)} ms  p99 ${percentile(baseline, 99).toFixed(3)} ms`,
  );
  console.log(
    `  gateway      p50 ${percentile(gateway, 50).toFixed(3)} ms  p99 ${percentile(gateway, 99).toFixed(3)} ms`,
  );
  console.log(
    `  ratio        p50 ×${p50.toFixed(2)} (target ≤ 2 ${p50 <= 2 ? 'met' : 'MISSED'})  p99 ×${p99.toFixed(2)}`,
  );
};

/**
 * The bench's runtime data (DynamoDB Local's file among them), thrown away after the run.
 * `BENCH_DATA_DIR=/dev/shm` keeps it on tmpfs: DynamoDB Local then writes about 3× faster than on
 * this machine's disk, where it waits for each write's fsync (what seeding 100,000 projects needs).
 */
export const benchDataDir = () => mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? PROJECT_ROOT, '.local-bench-'));
export const removeBenchDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
