import { routes } from '#functions/api/routes.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { localTemplate } from '#infra/local/template.ts';
import { REVIEWER_ROLES } from '#shared/domain/review-catalogue.ts';
import { routeKey } from '#shared/http/route.ts';
import { OBLIGATION_SHARDS } from '#shared/store/obligation-repository.ts';
import { call, tokenFor, useRuntime } from '../integration/support/client.ts';
import { bureau, people, taskIdOf } from '../integration/support/scenario.ts';
import { type DynamoCall, type Instruments, instrument } from './instruments.ts';
import { projectLife } from './project-life.ts';

/** What one invocation cost, summed over its DynamoDB calls. */
export interface InvocationCost {
  readonly requestId: string;
  readonly functionId: string;
  readonly entry: string;
  readonly ms: number;
  readonly status: number | undefined;
  readonly calls: number;
  readonly retries: number;
  readonly itemsRead: number;
  readonly itemsWritten: number;
  readonly rru: number;
  readonly wru: number;
  readonly commands: string[];
}

export interface LifeMeasures {
  readonly invocations: InvocationCost[];
  /** The invocations of the project's life (the first `lifeLength` of `invocations`), then the rest. */
  readonly lifeLength: number;
  /** One run of the nightly sweep function, after the life. */
  readonly nightly: InvocationCost | undefined;
  readonly partner: string;
  readonly dept: string;
  readonly instruments: Instruments;
  /** Function logical id → its source entry and memory. */
  readonly functions: Map<string, { entry: string; memoryMb: number }>;
  readonly projectId: string;
}

const summarize = (calls: DynamoCall[]) => ({
  calls: calls.length,
  retries: calls.reduce((n, c) => n + c.retries, 0),
  itemsRead: calls.reduce((n, c) => n + c.itemsRead, 0),
  itemsWritten: calls.reduce((n, c) => n + c.itemsWritten, 0),
  rru: calls.reduce((n, c) => n + c.rru, 0),
  wru: calls.reduce((n, c) => n + c.wru, 0),
  commands: calls.map((c) => c.command.replace(/Command$/, '')),
});

/**
 * The routes the project's life did not call, called once each on the project it left: lists,
 * reads, the calendar, the annual plan, the policy. A list is read as the co-building department
 * sees it, through its member items.
 */
const theRest = async (projectId: string, dept: string, partner: string) => {
  const staff = await people(dept).staff();
  const partnerStaff = await people(partner).staff();
  const admin = await tokenFor({ roles: ['admin'], sub: 'bench-admin' });
  const audit = await tokenFor({ roles: ['audit'], sub: 'auditor-bench' });
  const dataBureau = await bureau('data-bureau');
  const path = `/v1/projects/${projectId}`;
  const documents = await call<{ items: { id: string }[] }>('GET', `${path}/documents?limit=10`, { token: staff });
  const documentId = documents.body.items[0]?.id ?? 'none';
  const get = (url: string, token?: string) => call('GET', url, token ? { token } : {});
  await get('/v1/health');
  await get('/v1/openapi.json');
  await get('/v1/departments', admin);
  await get(`/v1/departments/${dept}/security-drills`, staff);
  await get('/v1/projects?limit=50', partnerStaff);
  await get(`${path}/events?limit=50`, staff);
  await get(`${path}/events/verify`, staff);
  await get(`${path}/documents/${documentId}/download`, staff);
  await get(`/v1/tasks/${taskIdOf(projectId, 1, 'tech-review')}`, dataBureau);
  await get('/v1/tasks?limit=50', dataBureau);
  await get('/v1/calendar/working-days?from=2026-09-28&add=10', staff);
  await get('/v1/calendar/2026', staff);
  await call('PUT', '/v1/calendar/2098', {
    token: admin,
    body: { holidays: ['2098-01-01'], workdays: [] },
  });
  await get(`${path}/contracts`, staff);
  await get(`${path}/records`, staff);
  await get(`${path}/changes`, staff);
  await get(`${path}/funding`, staff);
  await get(`${path}/obligations?limit=50`, staff);
  await get(`${path}/accountability-records`, staff);
  await get('/v1/accountability-records?limit=50', audit);
  await get(`/v1/findings?projectId=${projectId}&limit=50`, dataBureau);
  await call('PUT', '/v1/annual-plans/2097', {
    token: admin,
    body: { items: [{ id: 'bench-1', deptId: dept, name: '县社会治理综合指挥平台' }] },
  });
  await get('/v1/annual-plans/2097', staff);
  await get('/v1/policy', staff);
  const finance = await bureau('finance');
  await get('/v1/reports/portfolio?year=2026', finance);
  await get('/v1/reports/projects.csv?year=2026', finance);
  await get('/v1/reports/projects.xlsx?year=2026', finance);
};

/**
 * Drives one project's life and then every other route once through the local runtime, counting
 * every DynamoDB call each invocation makes (shared/store/clients.ts's document client, SDK
 * retries apart), and every invocation of every function with its duration.
 */
export const measureLife = async (runtime: LocalRuntime): Promise<LifeMeasures> => {
  useRuntime({ url: runtime.url, dataDir: runtime.dataDir });
  const template = await localTemplate({ sm2Signing: true });
  const functions = new Map<string, { entry: string; memoryMb: number }>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const entry = resource.Metadata?.['lingchuan:entry'];
    if (resource.Type === 'AWS::Lambda::Function' && typeof entry === 'string') {
      functions.set(id, { entry, memoryMb: Number(resource.Properties?.MemorySize ?? 128) });
    }
  }
  const instruments = await instrument(runtime, runtime.host);
  const { projectId, dept, partner } = await projectLife();
  await runtime.settled();
  const lifeLength = instruments.invocations.length;
  await theRest(projectId, dept, partner);
  await runtime.settled();
  // One night's sweep as the scheduler invokes it (the sweep also reconciles the code registers).
  const nightlyId = [...functions].find(([, f]) => f.entry === 'functions/sweep/nightly-sweep.handler.ts')?.[0];
  if (nightlyId) await runtime.host.invoke(nightlyId, {});
  instruments.stop();

  const byInvocation = new Map<string, DynamoCall[]>();
  for (const c of instruments.dynamo) {
    if (c.invocation) byInvocation.set(c.invocation, [...(byInvocation.get(c.invocation) ?? []), c]);
  }
  const invocations = instruments.invocations.map((ran) => ({
    requestId: ran.requestId,
    functionId: ran.functionId,
    // A resource function serves several routes: an API invocation is attributed to its route's handler.
    entry:
      (ran.routeKey && handlerOfRouteKey.get(ran.routeKey)) ?? functions.get(ran.functionId)?.entry ?? ran.functionId,
    ms: Math.max(0, ran.ms - (instruments.overheadMs.get(ran.requestId) ?? 0)),
    status: ran.status,
    ...summarize(byInvocation.get(ran.requestId) ?? []),
  }));
  return {
    invocations,
    lifeLength,
    nightly: invocations.find((i) => i.entry === 'functions/sweep/nightly-sweep.handler.ts'),
    instruments,
    functions,
    projectId,
    dept,
    partner,
  };
};

/** A route's handler module, by the route key API Gateway puts in the event. */
const handlerOfRouteKey = new Map(routes.map((r) => [routeKey(r), `functions/api/${r.handler}.handler.ts`]));

/** The route an API function serves, by its entry. */
export const routeOfEntry = new Map(routes.map((r) => [`functions/api/${r.handler}.handler.ts`, r]));

/**
 * Each route's floor (issue #13): a GET of one resource reads with 1 call; a list with 1 call per
 * page; a state change with at most 1 read and 1 write (TransactWriteItems, or one PutItem where
 * nothing else changes with it), plus 1 call for each other aggregate it must read, named here.
 * `visibility`: the route reads a project's records and answers only whom the project shows them
 * to (its owner, its co-builders, county-wide roles), so it reads the project too.
 */
type Floor = { readonly calls: number; readonly reads: string; readonly visibility?: true };
const change = (aggregates: string[], write = 'TransactWriteItems'): Floor => ({
  calls: 2 + aggregates.length,
  reads: `1 read, 1 ${write}${aggregates.length ? `, + ${aggregates.join(', ')}` : ''}`,
});
const FLOORS: Record<string, Floor> = {
  getHealth: { calls: 0, reads: 'no data' },
  getOpenApi: { calls: 0, reads: 'no data' },
  getPolicy: { calls: 0, reads: 'no data (policy settings)' },
  listDepartments: { calls: 1, reads: '1 page' },
  listSecurityDrills: { calls: 1, reads: '1 page' },
  putDepartment: change([], 'PutItem'),
  recordSecurityDrill: change([], 'PutItem'),
  confirmProject: change([]),
  createProject: change(['the year’s code counter (UpdateItem ADD)']),
  fileBudget: change(['the budget approval document', 'the duties (ART14)']),
  getProject: { calls: 1, reads: 'the project' },
  listProjects: { calls: 2, reads: '1 page + 1 BatchGetItem of the co-built projects its member items name' },
  signOffProject: change(['the internal review document']),
  submitProject: change(['the department (ART09)', 'the annual plan (ART06)', 'the documents (ART10)']),
  updateProject: change(['the annual plan (ART06)']),
  listProjectEvents: { calls: 2, reads: '1 page', visibility: true },
  verifyProjectEvents: { calls: 2, reads: 'every page of the trail (1 here)', visibility: true },
  downloadDocument: { calls: 1, reads: 'the document with its project, one BatchGetItem' },
  getDocument: { calls: 1, reads: 'the document with its project, one BatchGetItem' },
  listDocuments: { calls: 2, reads: '1 page', visibility: true },
  requestDocumentUpload: change(['the review task, for a reviewer’s opinion only']),
  decideTask: change([
    'the project',
    'the opinion document',
    'the phase records (acceptance: ART21, ART24) or the calendar (finance: ART14)',
    'the department’s drills (acceptance: ART24)',
  ]),
  getTask: { calls: 1, reads: 'the task (a department role also reads its project)' },
  listTasks: { calls: 1, reads: '1 page' },
  countWorkingDays: { calls: 1, reads: 'the calendar years spanned, one BatchGetItem' },
  getCalendarYear: { calls: 1, reads: 'the year, one BatchGetItem' },
  putCalendarYear: {
    calls: 17,
    reads:
      '1 PutItem + 1 page per shard (16) of the open duties’ due index, county-wide + 1 change per provisional duty',
  },
  fileProcurementPlan: change(['the plan record', 'the documents']),
  amendProcurementPlan: change(['the phase records (plan, changes, contracts)', 'the documents']),
  listContracts: { calls: 2, reads: '1 page', visibility: true },
  publishProcurementNotice: change(['the plan record', 'the documents']),
  putImplementation: change(['the duties (ART15)']),
  recordContract: change(['the phase records (ART17 budget)', 'the documents', 'the duties (ART15)']),
  completeConstruction: change(['the changes (ART22)', 'the duties (ART20, ART27), once']),
  confirmSecurity: change(['the security record']),
  listPhaseRecords: { calls: 2, reads: '1 page', visibility: true },
  putAssets: change([]),
  recordSecurity: change(['the documents']),
  reportMilestone: change(['the baseline record', 'the duties (ART20)']),
  startConstruction: change(['the phase records (ART17–25 gates)', 'the duties (ART20)']),
  listChanges: { calls: 2, reads: '1 page', visibility: true },
  proposeChange: change(['the changes (the 10% count)', 'the documents']),
  fileAcceptance: change(['the documents', 'the duties (ART29)']),
  preliminaryAcceptance: change(['the documents']),
  selfEvaluate: change(['the documents', 'the duties (ART30)']),
  decommission: change(['the documents', 'the duties (ART07, ART32)']),
  reportDisposal: change(['the assets record', 'the earlier report', 'the documents', 'the duties (ART32)']),
  supplementDisposal: change(['the assets record', 'the report', 'the documents']),
  reportOperations: change(['the duties (ART07), once', 'the documents', 'the year’s findings, one BatchGetItem']),
  listAccountability: { calls: 1, reads: '1 page' },
  listProjectAccountability: { calls: 2, reads: '1 page', visibility: true },
  recordAccountability: change(['the documents']),
  getFunding: { calls: 2, reads: 'the project’s holds, 1 page', visibility: true },
  listObligations: { calls: 2, reads: '1 page', visibility: true },
  waiveObligation: change(['the duty', 'its earlier waivers']),
  confirmWaiver: change(['the duty', 'the proposal']),
  withdrawWaiver: change(['the duty', 'the proposal']),
  listWaivers: { calls: 1, reads: '1 page' },
  listFindings: { calls: 2, reads: '1 page (of one project here)', visibility: true },
  runSweep: {
    calls: 32,
    reads: '1 page per shard (16) of the due index and 16 of the open findings, county-wide; + per late duty',
  },
  getAnnualPlan: { calls: 1, reads: 'the plan' },
  putAnnualPlan: change([], 'PutItem'),
  getPortfolio: {
    calls: 1 + OBLIGATION_SHARDS + 1 + REVIEWER_ROLES.length,
    reads: `the year's register page(s), 1 page per shard (${OBLIGATION_SHARDS}) of the open findings, the holds, each reviewing role's overdue queue (${REVIEWER_ROLES.length})`,
  },
  exportProjectsCsv: {
    calls: 1 + OBLIGATION_SHARDS + 1,
    reads: `the year's register page(s), 1 page per shard (${OBLIGATION_SHARDS}) of the open findings, the departments`,
  },
  exportProjectsXlsx: {
    calls: 1 + OBLIGATION_SHARDS + 1,
    reads: `the year's register page(s), 1 page per shard (${OBLIGATION_SHARDS}) of the open findings, the departments`,
  },
};

export interface RouteRow {
  readonly route: string;
  readonly invocations: number;
  readonly worst: InvocationCost | undefined;
  readonly floor: Floor | undefined;
  readonly atFloor: boolean;
}

export const printRoundTrips = (life: LifeMeasures): RouteRow[] => {
  console.log(
    '\nDynamoDB round trips per route, issue #13 target 2: one project’s life through the API, then every other route once on',
  );
  console.log(
    '  the project it left; per route its most expensive successful call (×n calls made). Counted at the repositories’ document',
  );
  console.log('  client; retries are the SDK’s re-sends of a call. Floor: see the note per route.');
  console.log(
    `  ${'route'.padEnd(62)} ${'n'.padStart(3)} ${'calls'.padStart(5)} ${'retries'.padStart(7)} ${'read'.padStart(5)} ${'written'.padStart(7)} ${'floor'.padStart(5)}`,
  );
  const rows: RouteRow[] = [];
  for (const route of routes) {
    const entry = `functions/api/${route.handler}.handler.ts`;
    const mine = life.invocations.filter((i) => i.entry === entry && i.status !== undefined && i.status < 300);
    const worst = mine.length > 0 ? mine.reduce((w, i) => (i.calls > w.calls ? i : w)) : undefined;
    const floor = FLOORS[route.id];
    const atFloor = worst !== undefined && floor !== undefined && worst.calls <= floor.calls;
    rows.push({ route: routeKey(route), invocations: mine.length, worst, floor, atFloor });
    console.log(
      `  ${routeKey(route).padEnd(62)} ${String(mine.length).padStart(3)} ${String(worst?.calls ?? '-').padStart(5)} ${String(worst?.retries ?? '-').padStart(7)} ${String(worst?.itemsRead ?? '-').padStart(5)} ${String(worst?.itemsWritten ?? '-').padStart(7)} ${String(floor?.calls ?? '?').padStart(5)} ${worst === undefined ? 'NOT CALLED' : atFloor ? 'at floor' : 'OVER'}  ${worst?.commands.join(' ') ?? ''}`,
    );
  }
  const over = rows.filter((r) => !r.atFloor);
  const visibility = rows.filter((r) => r.floor?.visibility);
  console.log(
    `  ${rows.length - over.length}/${rows.length} routes at their floor${over.length ? `; over: ${over.map((r) => r.route).join(', ')}` : ''}.`,
  );
  console.log(
    `  Exception (README): ${visibility.length} project-scoped lists read the project as well as their page, because who may see a project's records follows the project (its owner and co-builders).`,
  );
  console.log('  What each floor allows:');
  for (const route of routes) {
    const floor = FLOORS[route.id];
    if (floor)
      console.log(
        `    ${routeKey(route).padEnd(62)} ${floor.reads}${floor.visibility ? ' + the project (visibility)' : ''}`,
      );
  }
  return rows;
};
