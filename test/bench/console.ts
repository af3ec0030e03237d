import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mintToken } from '#infra/local/issuer.ts';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { INDEXES } from '#shared/store/table-layout.ts';
import { median } from './stats.ts';

const DIST = path.resolve('console/dist');
const INITIAL_JS_TARGET_KB = 200;
const YEAR_PROJECTS = 5_000;
const YEAR = 2031;
const ROUNDS = 9;
const RATIO_TARGET = 3;

const gzippedKb = (file: string) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length / 1024;

/**
 * What a browser must download before the console can draw anything: the entry script and the
 * modules index.html preloads. The dashboard (ECharts) and the API reference (Redoc) are chunks
 * of their own, fetched only when someone opens those pages.
 */
export const benchConsoleSize = () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  const initialKb = initial.reduce((sum, file) => sum + gzippedKb(file), 0);
  console.log('\nConsole: initial JavaScript (gzip -9)');
  for (const file of initial) console.log(`  ${file.padEnd(40)} ${gzippedKb(file).toFixed(1)} KB`);
  console.log(
    `  total ${initialKb.toFixed(1)} KB against the target of ${INITIAL_JS_TARGET_KB} KB: ${initialKb <= INITIAL_JS_TARGET_KB ? 'met' : 'MISSED'}`,
  );
  const lazy = readdirSync(path.join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
    .filter((f) => !initial.includes(f));
  for (const file of lazy) console.log(`  lazy ${file.padEnd(35)} ${gzippedKb(file).toFixed(1)} KB`);
};

const DEPARTMENTS = Array.from({ length: 30 }, (_, i) => `dept-${String(i).padStart(2, '0')}`);
const STAGES = ['draft', 'tech-review', 'approval-review', 'approved', 'returned', 'rejected'];
const CATEGORIES = ['application-system', 'network-infrastructure', 'information-resources', 'information-security'];

/** A year of projects as the register stores them: whole project items, of which the index carries a summary. */
const seedYear = async (db: DynamoDBDocumentClient, table: string) => {
  const items = Array.from({ length: YEAR_PROJECTS }, (_, i) => {
    const id = `bench-year-${String(i).padStart(5, '0')}`;
    const approved = i % 3 === 0;
    return {
      PK: `PROJECT#${id}`,
      SK: 'META',
      type: 'project',
      id,
      year: YEAR,
      code: `LC-${YEAR}-${String(i + 1).padStart(4, '0')}`,
      name: `县第${i + 1}号政务数据共享应用系统建设项目`,
      ownerDeptId: DEPARTMENTS[i % DEPARTMENTS.length],
      stage: STAGES[i % STAGES.length],
      category: CATEGORIES[i % CATEGORIES.length],
      totalInvestmentFen: 10_000_000 + i * 1_000,
      approvedBudgetFen: approved ? 9_000_000 + i * 1_000 : null,
      interop: {
        interconnection: '接入县电子政务外网',
        dataSharing: '共享目录数据',
        businessCollaboration: '与指挥中心联动',
      },
    };
  });
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
          [table]: batch.map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length > 0) {
          const result = await db.send(new BatchWriteCommand({ RequestItems: request }));
          request = result.UnprocessedItems as typeof request;
        }
      }
    }),
  );
};

const timed = async (fn: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * The dashboard's route for a year of 5,000 projects against one DynamoDB query page of the same
 * year's index, measured in the same run, interleaved round by round.
 */
export const benchPortfolio = async (runtime: LocalRuntime) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  const table = runtime.tableName;
  const seeded = Date.now();
  await seedYear(db, table);
  const query = (start?: Record<string, unknown>) =>
    db.send(
      new QueryCommand({
        TableName: table,
        IndexName: INDEXES.byYear.name,
        KeyConditionExpression: '#year = :year',
        ExpressionAttributeNames: { '#year': INDEXES.byYear.pk },
        ExpressionAttributeValues: { ':year': YEAR },
        ExclusiveStartKey: start,
      }),
    );
  let pages = 0;
  let read = 0;
  for (let start: Record<string, unknown> | undefined, first = true; first || start; first = false) {
    const page = await query(start);
    pages += 1;
    read += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  }
  const token = await mintToken(runtime.dataDir, { sub: 'bench-finance', name: 'bench', roles: ['finance'] });
  const route = async () => {
    const response = await fetch(`${runtime.url}/v1/reports/portfolio?year=${YEAR}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { projects: number };
    if (body.projects !== YEAR_PROJECTS) throw new Error(`the portfolio counted ${body.projects} projects`);
  };
  for (let i = 0; i < 3; i++) {
    await route();
    await query();
  }
  const routeMs: number[] = [];
  const pageMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    pageMs.push(await timed(() => query()));
    routeMs.push(await timed(route));
  }
  const ratio = median(routeMs) / median(pageMs);
  console.log(`\nPortfolio route (GET /v1/reports/portfolio) for a year of ${YEAR_PROJECTS} projects`);
  console.log(
    `  seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s; the year's index is ${read} entries in ${pages} query page(s)`,
  );
  console.log(`  one query page of the year: median ${median(pageMs).toFixed(1)} ms (${ROUNDS} rounds)`);
  console.log(`  the route, over HTTP:       median ${median(routeMs).toFixed(1)} ms`);
  console.log(
    `  ratio ${ratio.toFixed(2)}× against the target of ≤ ${RATIO_TARGET}×: ${ratio <= RATIO_TARGET ? 'met' : 'MISSED'}`,
  );
  db.destroy();
};
