import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TRACE_SAMPLING } from '#infra/constructs/tracing.ts';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { INDEXES } from '#shared/store/table-layout.ts';
import { itemBytes } from './instruments.ts';
import type { InvocationCost, LifeMeasures } from './round-trips.ts';

/**
 * Unit prices, as named parameters: AWS list prices for us-east-1 in USD (on-demand, no free tier,
 * arm64 Lambda, DynamoDB on-demand after the November 2024 reduction). A county deploying to
 * cn-north-1 (Beijing) or cn-northwest-1 (Ningxia) replaces these with that region's CNY list
 * prices; docs/cost.md says how the figures scale.
 */
export const PRICES = {
  currency: 'USD (us-east-1 list prices)',
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000133334,
  dynamoPerMillionWru: 0.625,
  dynamoPerMillionRru: 0.125,
  dynamoPerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  stepFunctionsPerThousandTransitions: 0.025,
  s3PerGbMonth: 0.023,
  s3PerThousandPuts: 0.005,
  s3PerThousandGets: 0.0004,
  schedulerPerMillionInvocations: 1.0,
  httpApiPerMillionRequests: 1.0,
  xrayPerMillionTracesRecorded: 5.0,
  logsPerGbIngested: 0.5,
  logsPerGbMonthStored: 0.03,
} as const;

/** The county the cost is for (issue #13): its assumptions, as named parameters. */
export const COUNTY = {
  projectsPerYear: 300,
  users: 200,
  documentGbPerYear: 2,
  /** Requests each user makes on a working day beyond the project lives: reading queues, lists, projects. */
  userReadsPerWorkday: 30,
  workdaysPerMonth: 21.75,
  nightsPerMonth: 30.4,
  /** The year of operation the storage figures are for: documents and items accumulate. */
  year: 3,
  /**
   * Log bytes per invocation: Lambda's JSON platform lines (start, report) and ours at the INFO
   * level, which logs refusals and workflow steps. An assumption, not measured: the local runtime
   * writes no platform lines.
   */
  logBytesPerInvocation: 600,
} as const;

/** What users read when they are not changing anything, each route equally often. */
const BROWSING = [
  'functions/api/projects/list-projects.handler.ts',
  'functions/api/projects/get-project.handler.ts',
  'functions/api/documents/list-documents.handler.ts',
  'functions/api/tasks/list-tasks.handler.ts',
  'functions/api/obligations/list-obligations.handler.ts',
  'functions/api/obligations/get-funding.handler.ts',
];

interface Usage {
  invocations: number;
  gbSeconds: number;
  rru: number;
  wru: number;
  apiRequests: number;
  transitions: number;
  s3Puts: number;
  s3Gets: number;
}

const empty = (): Usage => ({
  invocations: 0,
  gbSeconds: 0,
  rru: 0,
  wru: 0,
  apiRequests: 0,
  transitions: 0,
  s3Puts: 0,
  s3Gets: 0,
});

const add = (into: Usage, from: Usage, times = 1) => {
  for (const key of Object.keys(into) as (keyof Usage)[]) into[key] += from[key] * times;
  return into;
};

const usageOf = (invocations: InvocationCost[], life: LifeMeasures): Usage => {
  const usage = empty();
  for (const i of invocations) {
    const memoryGb = (life.functions.get(i.functionId)?.memoryMb ?? 512) / 1024;
    usage.invocations++;
    // Lambda bills each invocation's duration rounded up to the millisecond.
    usage.gbSeconds += (memoryGb * Math.ceil(i.ms)) / 1000;
    usage.rru += i.rru;
    usage.wru += i.wru;
    if (i.entry.startsWith('functions/api/')) usage.apiRequests++;
  }
  const ids = new Set(invocations.map((i) => i.requestId));
  for (const call of life.instruments.s3) {
    if (!call.invocation || !ids.has(call.invocation)) continue;
    if (/^(Put|Copy|Post|List)/.test(call.command)) usage.s3Puts++;
    else usage.s3Gets++;
  }
  return usage;
};

const money = (usage: Usage) => ({
  lambda: (usage.invocations / 1e6) * PRICES.lambdaPerMillionRequests + usage.gbSeconds * PRICES.lambdaPerGbSecond,
  dynamodb: (usage.wru / 1e6) * PRICES.dynamoPerMillionWru + (usage.rru / 1e6) * PRICES.dynamoPerMillionRru,
  stepFunctions: (usage.transitions / 1000) * PRICES.stepFunctionsPerThousandTransitions,
  s3Requests: (usage.s3Puts / 1000) * PRICES.s3PerThousandPuts + (usage.s3Gets / 1000) * PRICES.s3PerThousandGets,
  apiGateway: (usage.apiRequests / 1e6) * PRICES.httpApiPerMillionRequests,
});

const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * Issue #13 target 4: what one project's whole life costs, as the bench drove it (round-trips.ts),
 * and what a county pays a month for 300 such projects a year, 200 users browsing and 2 GB of
 * documents a year, at the unit prices above. Durations are the handlers' own on this machine,
 * against DynamoDB Local; write units count every index an item moves in.
 */
export const printCostModel = async (life: LifeMeasures, runtime: LocalRuntime) => {
  const lifeInvocations = life.invocations
    .slice(0, life.lifeLength)
    // The nightly sweep the life ran in its middle is the county's, counted per night below.
    .filter((i) => i.entry !== 'functions/api/sweeps/run-sweep.handler.ts');
  const perLife = usageOf(lifeInvocations, life);
  const executions = runtime.stepFunctions.transitions().filter((e) => e.executionArn.includes(life.projectId));
  perLife.transitions = executions.reduce((n, e) => n + e.transitions, 0);
  const uploads = lifeInvocations.filter(
    (i) => i.entry === 'functions/api/documents/request-upload.handler.ts' && i.status === 201,
  ).length;
  // Each upload is the browser's one PUT to the presigned URL, beside what the functions send to S3.
  perLife.s3Puts += uploads;
  const downloads = life.invocations.filter((i) => i.entry.endsWith('download-document.handler.ts')).length;

  const byFunction = new Map<string, { n: number; ms: number }>();
  for (const i of lifeInvocations) {
    const kind = i.entry.startsWith('functions/api/')
      ? 'API functions'
      : i.entry.replace(/^functions\//, '').replace(/\.handler\.ts$/, '');
    const row = byFunction.get(kind) ?? { n: 0, ms: 0 };
    byFunction.set(kind, { n: row.n + 1, ms: row.ms + i.ms });
  }

  console.log(
    `\nCost model, issue #13 target 4: one project's whole life as the bench drove it (${lifeInvocations.length} invocations, ${downloads} downloads aside):`,
  );
  for (const [kind, row] of byFunction) {
    console.log(
      `  ${kind.padEnd(30)} ${String(row.n).padStart(4)} invocations, mean ${(row.ms / row.n).toFixed(1)} ms`,
    );
  }
  console.log(
    `  Lambda ${perLife.invocations} invocations, ${fmt(perLife.gbSeconds, 3)} GB-s; DynamoDB ${fmt(perLife.rru, 1)} RRU, ${fmt(perLife.wru, 0)} WRU; Step Functions ${perLife.transitions} state transitions (${executions.length} executions); S3 ${perLife.s3Puts} PUT-class and ${perLife.s3Gets} GET-class requests; HTTP API ${perLife.apiRequests} requests`,
  );

  // A month of the county: the lives of 300 projects a year, users reading, one sweep a night.
  const livesPerMonth = COUNTY.projectsPerYear / 12;
  const browse = life.invocations.filter((i) => BROWSING.includes(i.entry) && i.status === 200);
  const browseMean = usageOf(browse, life);
  const readsPerMonth = COUNTY.users * COUNTY.userReadsPerWorkday * COUNTY.workdaysPerMonth;
  const nightly = life.nightly ? usageOf([life.nightly], life) : empty();
  const month = add(empty(), perLife, livesPerMonth);
  if (browse.length > 0) add(month, browseMean, readsPerMonth / browse.length);
  add(month, nightly, COUNTY.nightsPerMonth);
  const bill = money(month);
  const documentsGb = COUNTY.documentGbPerYear * COUNTY.year;
  // The items of one project as its life left them (each with DynamoDB's 100 bytes of overhead, once
  // more for every index it sits in), times the projects of `year` years; backed up continuously.
  const projectBytes = await partitionBytes(runtime, life.projectId);
  const tableGb = (projectBytes * COUNTY.projectsPerYear * COUNTY.year) / 1024 ** 3;
  const storage = {
    s3: documentsGb * PRICES.s3PerGbMonth,
    dynamodb: tableGb * (PRICES.dynamoPerGbMonth + PRICES.dynamoPitrPerGbMonth),
  };
  const scheduler = (COUNTY.nightsPerMonth / 1e6) * PRICES.schedulerPerMillionInvocations;
  // Tracing (infra/constructs/tracing.ts): functions pass tracing through, so a trace is recorded
  // only for a workflow execution the sampling rule sampled (reservoir 0, a fixed rate); its steps
  // join that one trace, so counting each step as a trace is an upper bound. With `LambdaTracing`
  // set to Active, Lambda's own sampling (1 a second and 5% beyond) records about every invocation.
  const stepsPerLife = life.invocations
    .slice(0, life.lifeLength)
    .filter((i) => i.entry === 'functions/workflow/review-step.handler.ts').length;
  const tracesPerMonth = stepsPerLife * livesPerMonth * TRACE_SAMPLING.fixedRate;
  const xray = (tracesPerMonth / 1e6) * PRICES.xrayPerMillionTracesRecorded;
  const xrayActive = (month.invocations / 1e6) * PRICES.xrayPerMillionTracesRecorded;
  const logGbPerMonth = (month.invocations * COUNTY.logBytesPerInvocation) / 1024 ** 3;
  // Logs are kept a year: in steady state twelve months of them are stored.
  const logs = logGbPerMonth * PRICES.logsPerGbIngested + 12 * logGbPerMonth * PRICES.logsPerGbMonthStored;
  const lines: [string, number][] = [
    ['Lambda (requests + GB-s)', bill.lambda],
    ['DynamoDB requests (RRU + WRU)', bill.dynamodb],
    ['Step Functions transitions', bill.stepFunctions],
    ['S3 requests', bill.s3Requests],
    [`S3 storage (${documentsGb} GB in year ${COUNTY.year})`, storage.s3],
    [`DynamoDB storage + PITR (${fmt(tableGb * 1024, 1)} MB)`, storage.dynamodb],
    ['HTTP API requests', bill.apiGateway],
    ['EventBridge Scheduler', scheduler],
    [`X-Ray traces (≤ ${fmt(tracesPerMonth, 1)}: sampled workflows)`, xray],
    [`CloudWatch Logs (${COUNTY.logBytesPerInvocation} B/invocation)`, logs],
  ];
  const total = lines.reduce((sum, [, v]) => sum + v, 0);
  const dominant = lines.reduce((a, b) => (b[1] > a[1] ? b : a));
  console.log(
    `  A month of the county (${COUNTY.projectsPerYear} projects a year = ${fmt(livesPerMonth, 1)} lives a month; ${COUNTY.users} users × ${COUNTY.userReadsPerWorkday} reads a working day = ${fmt(readsPerMonth, 0)} reads; ${COUNTY.nightsPerMonth} nightly sweeps), ${PRICES.currency}:`,
  );
  console.log(
    `    usage: ${fmt(month.invocations, 0)} invocations, ${fmt(month.gbSeconds, 0)} GB-s, ${fmt(month.rru, 0)} RRU, ${fmt(month.wru, 0)} WRU, ${fmt(month.transitions, 0)} transitions, ${fmt(month.s3Puts + month.s3Gets, 0)} S3 requests, ${fmt(month.apiRequests, 0)} API requests`,
  );
  for (const [name, value] of lines) console.log(`    ${name.padEnd(36)} ${value.toFixed(4).padStart(10)}`);
  console.log(
    `    ${'total'.padEnd(36)} ${total.toFixed(4).padStart(10)}  (dominant: ${dominant[0]}, ${((dominant[1] / total) * 100).toFixed(0)}%; no free tier; ×12 = ${(total * 12).toFixed(2)} a year)`,
  );
  console.log(
    `    tracing ${((xray / total) * 100).toFixed(1)}% of the month; with LambdaTracing=Active it would be ${xrayActive.toFixed(4)} (≤ ${fmt(month.invocations, 0)} traces), ${((xrayActive / (total - xray + xrayActive)) * 100).toFixed(0)}% of the month`,
  );
  return { perLife, month, bill, total, dominant: dominant[0] };
};

/** Bytes a project's partition takes in the table and its indexes (items + 100 bytes each, per copy). */
const partitionBytes = async (runtime: LocalRuntime, projectId: string) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: runtime.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}` },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const copies = 1 + Object.values(INDEXES).filter((index) => item[index.pk] !== undefined).length;
      bytes += (itemBytes(item) + 100) * copies;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return bytes;
};
