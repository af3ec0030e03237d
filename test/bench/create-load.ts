import { randomUUID } from 'node:crypto';
import { mintToken } from '#infra/local/issuer.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { transact } from '#shared/store/transactions.ts';
import { allDeps } from '../support/all-deps.ts';
import { projectBody } from '../support/project-body.ts';
import { percentile } from './stats.ts';

const CONCURRENT = 60;
const SEQUENTIAL = 30;
const WARM_UP = 10;
/** A year no other bench creates in, so its register is this bench's alone. */
const YEAR = 2097;

/**
 * Issue #15, creation under load: sixty `POST /v1/projects` at once against the same sequentially,
 * in the same run. Each creation takes its code from one atomic counter increment, so the burst
 * should queue on the machine, not retry against itself: target p99 (concurrent) ≤ 3× p50
 * (sequential). Then the register: every code unique, every number of the year a project or a
 * voided record.
 */
/**
 * The floor under any burst of writes here: DynamoDB Local applies writes one at a time, so sixty
 * transactions of the creation's shape (project, event, register record) sent at once finish one
 * after another. Measured beside the creations, as a ratio of its own sequential p50.
 */
const transactionFloor = async (tableName: string) => {
  const once = async () => {
    const id = randomUUID();
    const started = process.hrtime.bigint();
    await transact(
      [`FLOOR#${id}|META`, `FLOOR#${id}|EVENT#1`, `FLOOR-CODE#${id}|1`].map((key) => {
        const [PK, SK] = key.split('|');
        return {
          Put: {
            TableName: tableName,
            Item: { PK, SK, data: 'x'.repeat(1500) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        };
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < WARM_UP; i++) await once();
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await once());
  const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, once));
  return { p50: percentile(sequential, 50), p99: percentile(concurrent, 99) };
};

export const benchCreateLoad = async (runtime: LocalRuntime) => {
  const token = await mintToken(runtime.dataDir, { sub: 'bench-load', roles: ['dept-staff'], dept: 'bench-load' });
  const codes: string[] = [];
  const create = async (i: number): Promise<number> => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${runtime.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(projectBody({ year: YEAR, name: `负载 ${i}` })),
    });
    const body = (await response.json()) as { code?: string };
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 201 || !body.code) throw new Error(`creation ${i} answered ${response.status}`);
    codes.push(body.code);
    return ms;
  };

  for (let i = 0; i < WARM_UP; i++) await create(-i);
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await create(i));
  const burstStarted = Date.now();
  const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => create(1000 + i)));
  const burstMs = Date.now() - burstStarted;

  const floor = await transactionFloor(runtime.tableName);
  const deps = allDeps({ TABLE_NAME: runtime.tableName, BUCKET_NAME: runtime.bucketName });
  const register = await deps.projects.register(YEAR);
  const used = register.records.filter((r) => r.status === 'used').length;
  const voided = register.records.filter((r) => r.status === 'void').length;
  const unique = new Set(codes).size === codes.length;
  const explained = register.unrecorded.length === 0 && used === codes.length;

  const p50 = percentile(sequential, 50);
  const ratio = percentile(concurrent, 99) / p50;
  console.log(`\nCreation under load, POST /v1/projects, ${CONCURRENT} at once against ${SEQUENTIAL} one by one:`);
  console.log(
    `  sequential   p50 ${p50.toFixed(1)} ms  p99 ${percentile(sequential, 99).toFixed(1)} ms (after ${WARM_UP} warm-up creations)`,
  );
  console.log(
    `  concurrent   p50 ${percentile(concurrent, 50).toFixed(1)} ms  p99 ${percentile(concurrent, 99).toFixed(1)} ms  all ${CONCURRENT} in ${burstMs} ms`,
  );
  console.log(
    `  ratio        p99 (concurrent) / p50 (sequential) ×${ratio.toFixed(2)} (target ≤ 3 ${ratio <= 3 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  floor        DynamoDB Local alone, ${CONCURRENT} transactions of the creation's shape at once: p99 ${floor.p99.toFixed(1)} ms = ×${(floor.p99 / floor.p50).toFixed(2)} its sequential p50; the creations' p99 is ×${(percentile(concurrent, 99) / floor.p99).toFixed(2)} this floor`,
  );
  console.log(
    `  register     ${codes.length} codes ${unique ? 'all unique' : 'NOT UNIQUE'}; ${register.allocated} numbers: ${used} used, ${voided} voided, ${register.unrecorded.length} unexplained (${explained ? 'every gap has its voided record' : 'GAPS UNEXPLAINED'})`,
  );
};
