import { GENESIS_HASH } from '#shared/domain/audit-chain.ts';
import { addWorkingDays, type CalendarYear } from '#shared/domain/calendar.ts';
import type { Change } from '#shared/domain/change.ts';
import type { SecurityDrill } from '#shared/domain/construction.ts';
import type { Department } from '#shared/domain/department.schema.ts';
import type { DocumentKind, ProjectDocument } from '#shared/domain/document.schema.ts';
import { ConcurrentModificationError, ConflictError } from '#shared/domain/errors.ts';
import type { Finding, FundingHold } from '#shared/domain/finding.schema.ts';
import { countDue, type Obligation } from '#shared/domain/obligation.ts';
import { PHASE_RECORDS, type PhaseRecord, type RecordKind, type RecordsByKind } from '#shared/domain/phase-records.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import {
  type Project,
  type ProjectEvent,
  type StoredProject,
  StoredProjectSchema,
} from '#shared/domain/project.schema.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { WorkflowInput } from '#shared/domain/workflow.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type {
  CodeRegister,
  Departments,
  DocumentStore,
  EscalationNotice,
  Findings,
  IdempotencyRecords,
  Obligations,
  Page,
  ProjectChange,
  ProjectRecords,
  ProjectStore,
  Tasks,
  Workflows,
} from '#shared/use-cases/ports.ts';
import { projectBody } from './project-body.ts';

/**
 * The use cases' ports held in memory: what a unit test hands a use case instead of DynamoDB. A
 * pending write is a step that runs when the change carrying it is saved, all or none, under the
 * project's version, as the store's transaction would: a test sees what was written, not how.
 */
interface Step {
  readonly apply: () => void;
  readonly check?: () => void;
}

const page = <T>(items: readonly T[]): Page<T> => ({ items: [...items], nextCursor: null });
const keyOf = (...parts: string[]) => parts.join('#');
const notHeld = (what: string): never => {
  throw new Error(`The in-memory ports keep no ${what}.`);
};

export const actorOf = (deptId: string, overrides: Partial<Actor> = {}): Actor => ({
  sub: `${deptId}-staff`,
  name: '张三',
  deptId,
  roles: ['dept-staff'],
  ...overrides,
});

/** A valid stored project of `deptId` in `stage`: a declaration that breaks no rule, on record. */
export const storedProject = (overrides: Partial<Project> = {}): StoredProject =>
  StoredProjectSchema.parse({
    ...projectBody(),
    id: 'p1',
    code: 'LC-2026-0001',
    ownerDeptId: 'dept-a',
    stage: 'draft',
    openReviews: [],
    version: 1,
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    createdBy: 'dept-a-staff',
    submittedBy: null,
    submittedAt: null,
    warnings: [],
    signOff: null,
    confirmations: {},
    rounds: {},
    approvedBy: [],
    approvedEstimateFen: null,
    approvedBudgetFen: null,
    constructionStartedAt: null,
    completedOn: null,
    acceptedOn: null,
    filedOn: null,
    decommissionedOn: null,
    eventSeq: 0,
    eventHead: GENESIS_HASH,
    ...overrides,
  });

/** A verified document of the project, of `kind`. */
export const verifiedDocument = (projectId: string, id: string, kind: DocumentKind): ProjectDocument => ({
  id,
  projectId,
  kind,
  fileName: `${id}.pdf`,
  contentType: 'application/pdf',
  sizeBytes: 1024,
  sha256: 'a'.repeat(64),
  status: 'verified',
  rejectionReason: null,
  versionId: null,
  uploadedBy: 'dept-a-staff',
  createdAt: '2026-01-05T00:00:00.000Z',
  verifiedAt: '2026-01-05T00:00:00.000Z',
  taskId: null,
});

/** An open duty of project p1 owed by dept-a, due on `dueDate`; the three unit suites of duties say the rest. */
export const openDuty = (
  code: RuleCode,
  key: string,
  dueDate: string,
  overrides: Partial<Obligation> = {},
): Obligation => ({
  projectId: 'p1',
  ownerDeptId: 'dept-a',
  code,
  key,
  description: key,
  dueDate,
  dueBasis: { from: dueDate, amount: 0, unit: 'days' },
  provisional: false,
  status: 'open',
  createdAt: new Date().toISOString(),
  settledAt: null,
  settledBy: null,
  waiverReason: null,
  foundAt: null,
  pendingSince: null,
  waiver: null,
  ...overrides,
});

/** A change of the project on record (ART22): a filing within the limit, unless `overrides` say otherwise. */
export const changeOnRecord = (overrides: Partial<Change> = {}): Change => ({
  id: 'c1',
  projectId: 'p1',
  seq: 1,
  reason: 'optimization',
  goalUnchanged: true,
  description: '调整部署方案',
  descriptionDocumentId: 'change-doc',
  adjustedAmountFen: 1_000_000,
  newTotalInvestmentFen: 58_000_000,
  route: 'filing',
  status: 'filed',
  estimateFen: 58_000_000,
  previousTotalFen: 58_000_000,
  limitFen: 5_800_000,
  cumulativeAdjustedFen: 1_000_000,
  reapprovalReasons: [],
  round: null,
  approvedBudgetFen: null,
  budgetReview: null,
  budgetReviewStatus: null,
  recordedAt: '2026-01-05T00:00:00.000Z',
  recordedBy: 'dept-a-staff',
  decidedAt: null,
  ...overrides,
});

/** An open review task of the project's round (the workflow's step waits on its token). */
export const openTask = (overrides: Partial<StoredTask> = {}): StoredTask => ({
  id: 'p1.approval.1.tech-review',
  kind: 'tech-review',
  role: 'data-bureau',
  projectId: 'p1',
  workflow: 'approval',
  round: 1,
  changeId: null,
  status: 'open',
  dueDate: '2026-12-01',
  dueProvisional: false,
  createdAt: '2026-11-20T00:00:00.000Z',
  openedAt: '2026-11-20T00:00:00.000Z',
  escalations: 0,
  checklistItems: [],
  checklist: [],
  conflictOfInterest: false,
  token: 't',
  expiresAt: '2026-12-01T00:00:00.000Z',
  ownerDeptId: 'dept-a',
  ownerBureauRole: null,
  submittedBy: 'dept-a-staff',
  ...overrides,
});

export const inMemoryPorts = (now: Date) => {
  const projects = new Map<string, StoredProject>();
  const saved: ProjectChange[] = [];
  const records = new Map<string, { kind: RecordKind; projectId: string; id: string; record: unknown }>();
  const documents = new Map<string, ProjectDocument>();
  const obligations = new Map<string, Obligation>();
  const findings = new Map<string, Finding>();
  const holds = new Map<string, FundingHold>();
  const tasks = new Map<string, StoredTask>();
  const remembered = new Map<string, { request: string; response: unknown }>();
  const started: WorkflowInput[] = [];
  const decisionsSent: { token: string; output: unknown }[] = [];
  const drills: SecurityDrill[] = [];
  const departments = new Map<string, Department>();
  const announced: EscalationNotice[] = [];
  /**
   * Projects whose changes the store refuses, and with what: every change (an error), or as a
   * function says (one that also changes what is on record stands for a writer who won a race).
   */
  const refusing = new Map<string, Error | (() => Error | undefined)>();

  /** Every write of a change checked first, then all applied: all or none. */
  const run = (writes: readonly object[]) => {
    const steps = writes as readonly Step[];
    for (const step of steps) step.check?.();
    for (const step of steps) step.apply();
  };
  const put = <T>(map: Map<string, T>, key: string, value: T, expectNew = false): Step => ({
    check: () => {
      if (expectNew && map.has(key)) throw new ConflictError(`${key} exists already.`);
    },
    apply: () => map.set(key, value),
  });
  const obligationKey = (o: Pick<Obligation, 'projectId' | 'code' | 'key'>) => keyOf(o.projectId, o.code, o.key);
  const findingKey = (f: Pick<Finding, 'projectId' | 'code' | 'key'>) => keyOf(f.projectId, f.code, f.key);

  const projectStore: ProjectStore & CodeRegister = {
    get: async (id) => projects.get(id),
    getMany: async (ids) => new Map(ids.flatMap((id) => projects.get(id) ?? []).map((p) => [p.id, p])),
    async save(change) {
      const refusedBy = refusing.get(change.project.id);
      const refusal = typeof refusedBy === 'function' ? refusedBy() : refusedBy;
      if (refusal) throw refusal;
      const current = projects.get(change.project.id);
      if (current?.version !== change.project.version) throw new ConcurrentModificationError('The project changed.');
      const stored: StoredProject = {
        ...change.project,
        ...change.set,
        version: change.project.version + 1,
        updatedAt: change.at,
        eventSeq: change.project.eventSeq + 1,
      };
      run(typeof change.with === 'function' ? change.with(stored) : (change.with ?? []));
      projects.set(stored.id, stored);
      saved.push(change);
      return stored;
    },
    create: async () => notHeld('project creation'),
    eventPage: async () => page<ProjectEvent>([]),
    events: async () => [],
    list: async ({ by, stage }) =>
      page(
        [...projects.values()].filter((p) => {
          const wanted = typeof by === 'object' && 'stage' in by ? by.stage : stage;
          const dept = typeof by === 'object' && 'deptId' in by ? by.deptId : undefined;
          return (wanted === undefined || p.stage === wanted) && (dept === undefined || p.ownerDeptId === dept);
        }),
      ),
    allocateCode: async () => notHeld('code counter'),
    codeYears: async () => [],
    register: async () => ({ allocated: 0, records: [], unrecorded: [] }),
    codesOfYear: async () => new Map(),
    recordCode: async () => true,
  };

  const ofKind = <K extends RecordKind>(kind: K, projectId?: string): PhaseRecord<K>[] =>
    [...records.values()]
      .filter((r) => r.kind === kind && (projectId === undefined || r.projectId === projectId))
      .map((r) => r.record as PhaseRecord<K>);
  const recordStore: ProjectRecords = {
    put: (kind, record, expect) =>
      put(
        records,
        keyOf(kind, record.projectId, record.id),
        { kind, projectId: record.projectId, id: record.id, record: PHASE_RECORDS[kind].parse(record) },
        expect === 'new',
      ),
    get: async (kind, projectId, id) => {
      const held = records.get(keyOf(kind, projectId, id));
      return held?.record as PhaseRecord<typeof kind> | undefined;
    },
    list: async (kind, projectId) => ofKind(kind, projectId),
    page: async (kind, projectId) => page(ofKind(kind, projectId)),
    countyPage: async (kind) => page(ofKind(kind)),
    all: async (projectId) =>
      Object.fromEntries(
        (Object.keys(PHASE_RECORDS) as RecordKind[]).map((kind) => [kind, ofKind(kind, projectId)]),
      ) as RecordsByKind,
  };

  const documentStore: DocumentStore = {
    get: async (projectId, id) => {
      const document = documents.get(id);
      return document?.projectId === projectId ? document : undefined;
    },
    withProject: async (projectId, id) => ({
      project: projects.get(projectId),
      document: documents.get(id)?.projectId === projectId ? documents.get(id) : undefined,
    }),
    getMany: async (projectId, ids) =>
      ids.flatMap((id) => documents.get(id) ?? []).filter((d) => d.projectId === projectId),
    list: async (projectId) => [...documents.values()].filter((d) => d.projectId === projectId),
    page: async (projectId) => page([...documents.values()].filter((d) => d.projectId === projectId)),
    declare: async (document, also = []) => run([put(documents, document.id, document, true), ...also]),
    put: (document) => put(documents, document.id, document, true),
    settle: (document) => put(documents, document.id, document),
  };

  const obligationStore: Obligations = {
    open: (o) => put(obligations, obligationKey(o), o, true),
    found: (o, at) => put(obligations, obligationKey(o), { ...o, foundAt: at }),
    amend: (o) => put(obligations, obligationKey(o), o),
    update: (o) => put(obligations, obligationKey(o), o),
    reopen: (o) => put(obligations, obligationKey(o), o),
    settle: (o) => put(obligations, obligationKey(o), o),
    redate: (o) => put(obligations, obligationKey(o), o),
    get: async (projectId, code, key) => obligations.get(keyOf(projectId, code, key)),
    ofProject: async (projectId) => [...obligations.values()].filter((o) => o.projectId === projectId),
    page: async (projectId) => page([...obligations.values()].filter((o) => o.projectId === projectId)),
    async *provisionalFrom() {},
    async *dueBefore(asOf) {
      const items = [...obligations.values()].filter((o) => o.status === 'open' && o.dueDate < asOf);
      yield { items, scanned: items.length };
    },
    dueBetween: async (from, through) => {
      const items = [...obligations.values()].filter(
        (o) => o.status === 'open' && o.dueDate >= from && o.dueDate <= through,
      );
      return { items, read: items.length };
    },
    markFound: async (o, at) => {
      obligations.set(obligationKey(o), { ...o, foundAt: at });
      return true;
    },
  };

  const findingStore: Findings = {
    write: async (items) => {
      run(items);
      return true;
    },
    get: async (projectId, code, key) => findings.get(keyOf(projectId, code, key)),
    getMany: async (projectId, which) => which.flatMap((w) => findings.get(keyOf(projectId, w.code, w.key)) ?? []),
    open: (f) => put(findings, findingKey(f), f, true),
    reopen: (f) => put(findings, findingKey(f), f),
    resolve: (f) => put(findings, findingKey(f), f),
    hold: (h) => put(holds, findingKey(h), h),
    lift: (h) => ({ apply: () => holds.delete(findingKey(h)) }),
    allHolds: async () => [...holds.values()],
    holdsOf: async (projectId) => [...holds.values()].filter((h) => h.projectId === projectId),
    async *openPages() {
      const items = [...findings.values()].filter((f) => f.status === 'open');
      yield { items, scanned: items.length };
    },
    allOpen: async () => [...findings.values()].filter((f) => f.status === 'open'),
    list: async () => page([...findings.values()]),
  };

  const taskStore: Tasks = {
    get: async (id) => tasks.get(id),
    put: (task, expected) => ({
      check: () => {
        if (tasks.get(task.id)?.token !== expected?.token) throw new ConcurrentModificationError('The task changed.');
      },
      apply: () => tasks.set(task.id, task),
    }),
    queues: async () => page([...tasks.values()]),
    overdue: async (_role, date) => [...tasks.values()].filter((t) => t.status === 'open' && t.dueDate < date),
    dueBetween: async (role, from, through) =>
      [...tasks.values()].filter(
        (t) => t.role === role && t.status === 'open' && t.dueDate >= from && t.dueDate <= through,
      ),
    conflictsOfInterest: async () => page<StoredTask>([]),
  };

  const idempotency: IdempotencyRecords = {
    replay: async <T>(sub: string, scope: string, key: string, request: unknown) => {
      const held = remembered.get(keyOf(sub, scope, key));
      if (!held) return undefined;
      if (held.request !== JSON.stringify(request)) throw new ConflictError('The key was used for another request.');
      return held.response as T;
    },
    record: (sub, scope, key, request, response) =>
      put(remembered, keyOf(sub, scope, key), { request: JSON.stringify(request), response }, true),
  };

  const workflows: Workflows = {
    start: async (input) => {
      started.push(input);
    },
    startIfMissing: async (input) => {
      started.push(input);
      return true;
    },
    sendDecision: async (token, output) => {
      decisionsSent.push({ token, output });
      return true;
    },
  };

  const departmentStore: Departments = {
    get: async (id) => departments.get(id),
    list: async () => [...departments.values()],
    recordDrill: async (drill, also = []) => {
      run(also);
      drills.push(drill);
    },
    drills: async (deptId) => drills.filter((d) => d.deptId === deptId),
    put: async (department) => {
      departments.set(department.id, department);
    },
  };

  // Weekends only: a unit test counts working days without a year's official arrangements.
  const noHolidays = new Map<number, Pick<CalendarYear, 'holidays' | 'workdays'>>(
    Array.from({ length: 12 }, (_, i) => [2020 + i, { holidays: [], workdays: [] }]),
  );
  const deps = {
    now: () => now,
    policy: DEFAULT_POLICY,
    projects: projectStore,
    records: recordStore,
    documents: documentStore,
    obligations: obligationStore,
    findings: findingStore,
    tasks: taskStore,
    idempotency,
    workflows,
    departments: departmentStore,
    notices: {
      announce: async (notice: EscalationNotice) => {
        announced.push(notice);
      },
    },
    calendar: {
      load: async () => new Map(),
      get: async () => undefined,
      put: async () => undefined,
      addWorkingDays: async (from: string, days: number) => addWorkingDays(from, days, noHolidays),
      countDue: async (basis) => countDue(basis, noHolidays),
    },
  } satisfies Partial<Deps>;

  return {
    deps,
    saved,
    started,
    decisionsSent,
    announced,
    /** Puts what a test arranges on record, as if earlier changes had written it. */
    arrange: {
      project: (project: StoredProject) => projects.set(project.id, project),
      document: (document: ProjectDocument) => documents.set(document.id, document),
      obligation: (obligation: Obligation) => obligations.set(obligationKey(obligation), obligation),
      record: <K extends RecordKind>(kind: K, record: PhaseRecord<K> & { id: string; projectId: string }) =>
        records.set(keyOf(kind, record.projectId, record.id), {
          kind,
          projectId: record.projectId,
          id: record.id,
          record,
        }),
      drill: (drill: SecurityDrill) => drills.push(drill),
      task: (task: StoredTask) => tasks.set(task.id, task),
      finding: (finding: Finding) => findings.set(findingKey(finding), finding),
      hold: (hold: FundingHold) => holds.set(findingKey(hold), hold),
      refusedChanges: (projectId: string, refusal: Error | (() => Error | undefined)) =>
        refusing.set(projectId, refusal),
    },
    read: {
      project: (id: string) => projects.get(id),
      obligations: () => [...obligations.values()],
      findings: () => [...findings.values()],
      holds: () => [...holds.values()],
      task: (id: string) => tasks.get(id),
      records: <K extends RecordKind>(kind: K, projectId: string) => ofKind(kind, projectId),
    },
  };
};
