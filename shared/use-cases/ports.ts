import type { AnnualPlan } from '#shared/domain/annual-plan.schema.ts';
import type { UnsealedEvent } from '#shared/domain/audit-chain.ts';
import type { CalendarYear, WorkingDayCount } from '#shared/domain/calendar.ts';
import type { SecurityDrill } from '#shared/domain/construction.ts';
import type { Department } from '#shared/domain/department.schema.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import type { Finding, FundingHold } from '#shared/domain/finding.schema.ts';
import type { DueBasis, Obligation } from '#shared/domain/obligation.ts';
import type { PhaseRecord, RecordKind, RecordsByKind } from '#shared/domain/phase-records.ts';
import type { Project, ProjectEvent, StoredProject } from '#shared/domain/project.schema.ts';
import type { CodeRecord } from '#shared/domain/project-codes.ts';
import type { PublicEntry } from '#shared/domain/public-register.ts';
import type { Announcement, Audience, Notification } from '#shared/domain/reminders.ts';
import type { ProjectSummary } from '#shared/domain/report.schema.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Stage } from '#shared/domain/stages.ts';
import type { WorkflowInput } from '#shared/domain/workflow.ts';

/**
 * What the use cases need of the stores, in the domain's words (STYLE 17): each store module
 * `satisfies` its port, and a test hands a use case small in-memory ports instead. The methods are
 * declared as methods so that a store may take its own narrower write type where the port says
 * `PendingWrite`.
 */

/**
 * A write a port prepared and the change that asks for it carries into its one transaction (the
 * project, its audit event, and what changes with them). Opaque: a use case passes it on, never
 * reads it.
 */
export type PendingWrite = object;

/** A page of a list, and where the next one starts (null at the end). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export type EventInput = Omit<UnsealedEvent, 'seq'>;

/** One change to a project, as use cases state it: who did what, which fields it set, why. */
export interface ProjectChange {
  readonly project: StoredProject;
  readonly actor: Actor;
  readonly action: string;
  readonly at: string;
  /** The project's fields this change sets; the version and `updatedAt` follow by themselves. */
  readonly set?: Partial<Project>;
  readonly details: Record<string, unknown>;
  /**
   * Writes that change together with the project (obligations, tasks, documents, findings), or
   * made from the project as it will be stored (the response an idempotency record keeps).
   */
  readonly with?: readonly PendingWrite[] | ((stored: StoredProject) => readonly PendingWrite[]);
}

/** A new project: its first version and event, and what is written with it (made from what was stored). */
export interface ProjectCreation {
  readonly after: Project;
  readonly event: EventInput;
  readonly with?: (stored: StoredProject) => readonly PendingWrite[];
}

/** The project aggregate: read, changed under its version with its audit event, listed. */
export interface ProjectStore {
  get(id: string): Promise<StoredProject | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, StoredProject>>;
  save(change: ProjectChange): Promise<StoredProject>;
  /** Created with the next code of its year; `onRefused` runs when a write of it was refused (it may throw). */
  create(change: ProjectCreation, onRefused: (refusal: Error) => Promise<void>): Promise<StoredProject>;
  eventPage(id: string, limit: number, cursor?: string): Promise<Page<ProjectEvent>>;
  events(id: string): Promise<ProjectEvent[]>;
  list(query: {
    by: { deptId: string } | { stage: Stage } | 'all';
    stage?: Stage | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<StoredProject>>;
}

/** The register of the project codes each year's counter gave out (ART33: every gap explained). */
export interface CodeRegister {
  /** The next number of a year's counter: one atomic increment, never refused for contention. */
  allocateCode(year: number): Promise<number>;
  codeYears(): Promise<number[]>;
  register(year: number): Promise<{
    allocated: number;
    records: CodeRecord[];
    unrecorded: { number: number; code: string }[];
  }>;
  codesOfYear(year: number): Promise<Map<string, string>>;
  recordCode(record: CodeRecord): Promise<boolean>;
}

export interface ProjectRecords {
  /** A record written with its project's change: `new` only if none with its id exists yet. */
  put<K extends RecordKind>(
    kind: K,
    record: PhaseRecord<K> & { projectId: string; id: string },
    expect: 'new' | 'any',
  ): PendingWrite;
  get<K extends RecordKind>(kind: K, projectId: string, id: string): Promise<PhaseRecord<K> | undefined>;
  list<K extends RecordKind>(kind: K, projectId: string): Promise<PhaseRecord<K>[]>;
  page<K extends RecordKind>(kind: K, projectId: string, page: PageRequest): Promise<Page<PhaseRecord<K>>>;
  countyPage<K extends RecordKind>(kind: K, page: PageRequest): Promise<Page<PhaseRecord<K>>>;
  all(projectId: string): Promise<RecordsByKind>;
}

export interface DocumentStore {
  get(projectId: string, documentId: string): Promise<ProjectDocument | undefined>;
  withProject(
    projectId: string,
    documentId: string,
  ): Promise<{ project: StoredProject | undefined; document: ProjectDocument | undefined }>;
  getMany(projectId: string, ids: readonly string[]): Promise<ProjectDocument[]>;
  list(projectId: string): Promise<ProjectDocument[]>;
  page(projectId: string, page: PageRequest): Promise<Page<ProjectDocument>>;
  declare(document: ProjectDocument, also?: readonly PendingWrite[]): Promise<void>;
  put(document: ProjectDocument): PendingWrite;
  settle(document: ProjectDocument): PendingWrite;
}

export interface DocumentObjectStore {
  presignUpload(
    document: ProjectDocument,
    expiresIn: number,
  ): Promise<{
    url: string;
    headers: { 'content-type': string; 'x-amz-checksum-sha256': string; 'if-none-match': string };
  }>;
  presignDownload(document: ProjectDocument, expiresIn: number): Promise<string>;
}

export interface DocumentInspection {
  locate(key: string): { projectId: string; kind: string; documentId: string } | undefined;
  inspect(
    key: string,
    versionId?: string,
  ): Promise<{ sizeBytes: number; sha256: string; detectedMime: string | undefined; versionId: string | null }>;
  quarantine(key: string, versionId?: string): Promise<string>;
}

export interface IdempotencyRecords {
  replay<T>(sub: string, scope: string, idempotencyKey: string, request: unknown, now: Date): Promise<T | undefined>;
  record(
    sub: string,
    scope: string,
    idempotencyKey: string,
    request: unknown,
    response: unknown,
    now: Date,
  ): PendingWrite;
}

export interface Obligations {
  open(obligation: Obligation): PendingWrite;
  found(obligation: Obligation, at: string): PendingWrite;
  amend(obligation: Obligation): PendingWrite;
  update(obligation: Obligation): PendingWrite;
  reopen(obligation: Obligation): PendingWrite;
  settle(obligation: Obligation): PendingWrite;
  redate(obligation: Obligation, from: string): PendingWrite;
  get(projectId: string, code: string, dutyKey: string): Promise<Obligation | undefined>;
  ofProject(projectId: string): Promise<Obligation[]>;
  page(projectId: string, page: PageRequest): Promise<Page<Obligation>>;
  provisionalFrom(from: string): AsyncGenerator<Obligation>;
  dueBefore(asOf: string): AsyncGenerator<{ items: Obligation[]; scanned: number }>;
  /** Open duties falling due in [from, through], from ranges of the due index (never a scan), with the items read. */
  dueBetween(from: string, through: string): Promise<{ items: Obligation[]; read: number }>;
  markFound(obligation: Obligation, at: string): Promise<boolean>;
}

export interface Findings {
  /** Findings of no project's change, each conditional: false when another sweep got there first. */
  write(items: readonly PendingWrite[]): Promise<boolean>;
  get(projectId: string, code: RuleCode, key: string): Promise<Finding | undefined>;
  getMany(projectId: string, which: readonly { code: RuleCode; key: string }[]): Promise<Finding[]>;
  open(finding: Finding): PendingWrite;
  reopen(finding: Finding): PendingWrite;
  resolve(finding: Finding): PendingWrite;
  hold(hold: FundingHold): PendingWrite;
  lift(hold: Pick<FundingHold, 'projectId' | 'code' | 'key'>): PendingWrite;
  allHolds(): Promise<FundingHold[]>;
  holdsOf(projectId: string): Promise<FundingHold[]>;
  openPages(): AsyncGenerator<{ items: Finding[]; scanned: number }>;
  allOpen(): Promise<Finding[]>;
  list(query: {
    by: { projectId: string } | { deptId: string } | 'all';
    status?: Finding['status'] | undefined;
    code?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<Finding>>;
}

export interface Tasks {
  get(id: string): Promise<StoredTask | undefined>;
  /** Written if the stored task is still what was read (`expected`: its token, or none). */
  put(task: StoredTask, expected: { token: string; status: StoredTask['status'] } | undefined): PendingWrite;
  queues(roles: readonly string[], limit: number, cursor?: string): Promise<Page<StoredTask>>;
  overdue(role: string, date: string): Promise<StoredTask[]>;
  /** The role's open tasks falling due in [from, through], from a range of its queue. */
  dueBetween(role: string, from: string, through: string): Promise<StoredTask[]>;
  conflictsOfInterest(limit: number, cursor?: string): Promise<Page<StoredTask>>;
}

export interface Departments {
  get(id: string): Promise<Department | undefined>;
  list(): Promise<Department[]>;
  recordDrill(drill: SecurityDrill, also?: readonly PendingWrite[]): Promise<void>;
  drills(deptId: string): Promise<SecurityDrill[]>;
  put(
    department: Department,
    audit: {
      at: string;
      actor: Actor;
      from: Pick<Department, 'name' | 'dataManagementUnit' | 'bureauRole'> | null;
    },
  ): Promise<void>;
}

export interface AnnualPlans {
  get(year: number): Promise<AnnualPlan | undefined>;
  put(plan: AnnualPlan): Promise<void>;
}

export interface Calendars {
  load(years: readonly number[]): Promise<Map<number, CalendarYear>>;
  get(year: number): Promise<CalendarYear | undefined>;
  put(calendar: CalendarYear): Promise<void>;
  addWorkingDays(from: string, workingDays: number): Promise<WorkingDayCount>;
  countDue(basis: DueBasis): Promise<{ dueDate: string; provisional: boolean }>;
}

export interface Register {
  projectsOfYear(year: number): Promise<ProjectSummary[]>;
  /** A page of the public register of one year of approval (政务公开), in the order of approval. */
  publicPage(year: number, page: PageRequest): Promise<Page<PublicEntry>>;
}

/** The notification centre: each announcement written once (undefined when it was already), read per person. */
export interface Notifications {
  announce(announcement: Announcement, asOf: string, at: string): Promise<Notification | undefined>;
  page(audiences: readonly string[], page: PageRequest): Promise<Page<Notification>>;
  find(audiences: readonly string[], id: string): Promise<Notification | undefined>;
  readBy(sub: string, ids: readonly string[]): Promise<Set<string>>;
  markRead(sub: string, id: string, at: string): Promise<void>;
  /** The morning's notifications of an audience no digest has carried yet (a digest lost to a crash included). */
  unpublished(audience: string, asOf: string): Promise<Notification[]>;
  markPublished(audience: string, ids: readonly string[], at: string): Promise<void>;
}

/** A morning's digest for one department or reviewing role. */
export interface Digest {
  readonly audience: Audience;
  readonly asOf: string;
  readonly notifications: readonly Notification[];
}

/** The morning's digests on the notification topic, one message per audience. */
export interface ReminderDigests {
  publish(digest: Digest): Promise<void>;
}

/** The review workflows: a round started once, a recorded decision handed to the step that waits. */
export interface Workflows {
  start(input: WorkflowInput): Promise<void>;
  startIfMissing(input: WorkflowInput): Promise<boolean>;
  sendDecision(token: string, output: unknown): Promise<boolean>;
}

/** A review overdue or opened, announced to the role's subscribers. */
export interface EscalationNotice {
  readonly projectId: string;
  readonly projectCode: string;
  readonly projectName: string;
  readonly taskId: string;
  readonly role: string;
  readonly code: string;
  readonly article: number;
  readonly dueDate: string;
  readonly escalation: number;
  readonly reason?: 'overdue' | 'opened';
}

export interface EscalationNotices {
  announce(notice: EscalationNotice): Promise<void>;
}

export interface DossierBuildInput {
  readonly projectId: string;
  readonly dossierId: string;
}

/** The dossier builds (ART33): one execution per dossier. */
export interface DossierBuilds {
  start(input: DossierBuildInput): Promise<void>;
}
