import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { GENESIS_HASH, sealEvent, type UnsealedEvent } from '#shared/domain/audit-chain.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { Stage } from '#shared/domain/lifecycle.ts';
import {
  type Project,
  type ProjectEvent,
  ProjectEventSchema,
  type StoredProject,
  StoredProjectSchema,
} from '#shared/domain/project.schema.ts';
import { publicListing } from '#shared/domain/public-register.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type Page, queryAll, queryPage, readItem } from './paged-query.ts';
import { publicRegisterKeys } from './register-repository.ts';
import { INDEXES } from './table-layout.ts';
import { lostRace, type TransactItem, TransactionRefused, transact } from './transactions.ts';

const projectKey = (id: string) => ({ PK: `PROJECT#${id}`, SK: 'META' });
const eventKey = (id: string, seq: number) => ({ PK: `PROJECT#${id}`, SK: `EVENT#${String(seq).padStart(10, '0')}` });
const memberKey = (id: string, deptId: string) => ({ PK: `PROJECT#${id}`, SK: `MEMBER#${deptId}` });
const counterKey = (year: number) => ({ PK: 'COUNTER', SK: `PROJECT-CODE#${year}` });
/** The register of a year's codes: one record per number the counter gave out, used or voided. */
const registerKey = (year: number, number: number) => ({
  PK: `PROJECT-CODE#${year}`,
  SK: String(number).padStart(10, '0'),
});
const codeOf = (year: number, number: number) => `LC-${year}-${String(number).padStart(4, '0')}`;

/**
 * What became of one number of a year's counter: the project that carries its code, or why it was
 * voided. Every number from 1 to the counter has exactly one, so the register explains each gap.
 */
export const CodeRecordSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('used'),
    year: z.number().int(),
    number: z.number().int().positive(),
    code: z.string(),
    projectId: z.string(),
    at: z.string(),
  }),
  z.object({
    status: z.literal('void'),
    year: z.number().int(),
    number: z.number().int().positive(),
    code: z.string(),
    reason: z.string(),
    at: z.string(),
  }),
]);
export type CodeRecord = z.infer<typeof CodeRecordSchema>;

const CarriedCodeSchema = z.object({ id: z.string(), code: z.string() });

/**
 * Index attributes: newest first by department (owner, and co-builders via member items), by stage,
 * and all; on the public register from approval on, by the year and day of approval.
 */
const indexKeys = (project: Project) => {
  const recency = `${project.updatedAt}#${project.id}`;
  const listing = publicListing(project);
  return {
    GSI1PK: `DEPT#${project.ownerDeptId}`,
    GSI1SK: recency,
    GSI2PK: `STAGE#${project.stage}`,
    GSI2SK: recency,
    GSI6PK: 'PROJECT',
    GSI6SK: recency,
    ...(listing ? publicRegisterKeys(listing.year, listing.approvedOn, project.code) : {}),
  };
};

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
  /** Items that change together with the project (obligations, tasks, documents, findings). */
  readonly with?: ChangeInput['with'];
}

interface ChangeInput {
  /** The project as read (its version is the condition), or null when creating it. */
  readonly before: StoredProject | null;
  readonly after: Project;
  readonly event: EventInput;
  /** Items that change together with the project (obligations, tasks, idempotency records). */
  readonly with?: readonly TransactItem[] | ((stored: StoredProject) => readonly TransactItem[]);
}

export const projectRepository = (tableName: string) => {
  /** The audit trail's items in the project's partition, oldest first. */
  const eventsQuery = (id: string) => ({
    query: {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
      ExpressionAttributeValues: { ':pk': `PROJECT#${id}`, ':event': 'EVENT#' },
      ConsistentRead: true,
    },
    shape: {
      partition: { name: 'PK', value: `PROJECT#${id}` },
      keys: ['PK', 'SK'],
      prefix: { name: 'SK', value: 'EVENT#' },
    },
  });

  /**
   * Builds the one transaction of a change: the project under its version condition, the next
   * audit event chained to the head the project recorded (ART33), the co-builders' member items,
   * and whatever else changes with it. Two writers of the same version: one wins, the other gets
   * a ConflictError, and the chain never forks because the event's seq is taken from the version
   * that won.
   */
  const changeItems = (change: ChangeInput): { items: TransactItem[]; stored: StoredProject; event: ProjectEvent } => {
    const { before, after } = change;
    const seq = (before?.eventSeq ?? 0) + 1;
    const event = sealEvent(before?.eventHead ?? GENESIS_HASH, { ...change.event, seq });
    const stored: StoredProject = { ...after, eventSeq: seq, eventHead: event.hash };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...projectKey(after.id), type: 'project', ...indexKeys(after), ...StoredProjectSchema.parse(stored) },
          ConditionExpression: before ? 'version = :version' : 'attribute_not_exists(PK)',
          ...(before ? { ExpressionAttributeValues: { ':version': before.version } } : {}),
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...eventKey(after.id, seq), type: 'event', projectId: after.id, ...ProjectEventSchema.parse(event) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
    for (const deptId of after.coBuilderDeptIds) {
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...memberKey(after.id, deptId),
            type: 'member',
            projectId: after.id,
            deptId,
            stage: after.stage,
            GSI1PK: `DEPT#${deptId}`,
            GSI1SK: `${after.updatedAt}#${after.id}`,
          },
        },
      });
    }
    for (const deptId of before?.coBuilderDeptIds ?? []) {
      if (!after.coBuilderDeptIds.includes(deptId)) {
        items.push({ Delete: { TableName: tableName, Key: memberKey(after.id, deptId) } });
      }
    }
    items.push(...(typeof change.with === 'function' ? change.with(stored) : (change.with ?? [])));
    return { items, stored, event };
  };

  const getRaw = async (id: string) =>
    (await dynamo().send(new GetCommand({ TableName: tableName, Key: projectKey(id), ConsistentRead: true }))).Item;

  /** Project items by id, strongly consistent, in batches of 100 (BatchGetItem's limit); missing ids are absent. */
  const getRawMany = async (ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> => {
    const items = await batchGet(tableName, [...new Set(ids)].map(projectKey));
    return new Map(items.map((item) => [String(item.id), item]));
  };

  const get = async (id: string): Promise<StoredProject | undefined> => {
    const Item = await getRaw(id);
    return Item ? StoredProjectSchema.parse(Item) : undefined;
  };

  /**
   * A number's register record, written only where the number has none: the first word stands. Its
   * year lives in the key only: an item carrying both `year` and `code` is a project to the `byYear`
   * index (table-layout.ts), and a register record must not count as one in the county's reports.
   */
  const registerPut = ({ year, ...record }: CodeRecord) => ({
    TableName: tableName,
    Item: { ...registerKey(year, record.number), type: 'project-code', ...record },
    ConditionExpression: 'attribute_not_exists(PK)',
  });

  const putRecord = async (record: CodeRecord): Promise<boolean> => {
    try {
      await dynamo().send(new PutCommand(registerPut(record)));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  const allocateCode = async (year: number): Promise<number> => {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKey(year),
        UpdateExpression: 'SET #type = :type ADD #value :one',
        ExpressionAttributeNames: { '#type': 'type', '#value': 'value' },
        ExpressionAttributeValues: { ':type': 'counter', ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.value);
  };

  /**
   * Voids a number its creation did not use. If this write fails too (the store unreachable), the
   * number stays without a record until the register is reconciled, which voids it then.
   */
  const voidUnused = async (year: number, number: number, at: string, reason: string) => {
    try {
      await putRecord({ status: 'void', year, number, code: codeOf(year, number), reason, at });
    } catch (error) {
      logger.error('an unused project code could not be voided now; reconciling the register will', {
        year,
        number,
        error: error as Error,
      });
    }
  };

  return {
    get,

    /**
     * Projects by id in batches, strongly consistent, for work over many projects at once (the
     * sweep). A project today's schema refuses is left out, so the caller reads it alone and fails
     * there, as it would have without the batch.
     */
    async getMany(ids: readonly string[]): Promise<Map<string, StoredProject>> {
      const projects = new Map<string, StoredProject>();
      for (const [id, item] of await getRawMany(ids)) {
        const parsed = StoredProjectSchema.safeParse(item);
        if (parsed.success) projects.set(id, parsed.data);
      }
      return projects;
    },

    /**
     * Applies one change atomically: the next version of the project, its audit event, and what
     * changes with it. A project changed meanwhile (another version stored) is a ConflictError.
     */
    async save(change: ProjectChange): Promise<StoredProject> {
      const { project, actor, action, at, details } = change;
      const after: Project = { ...project, ...change.set, version: project.version + 1, updatedAt: at };
      const { items, stored } = changeItems({
        before: project,
        after,
        event: { at, actor, action, from: project.stage, to: after.stage, details },
        ...(change.with ? { with: change.with } : {}),
      });
      try {
        await transact(items);
      } catch (error) {
        // The project itself changed meanwhile (or the write collided with another): read again.
        // Otherwise something written beside it was refused while the project stood still (a
        // record that exists already): a conflict to answer, not a race to retry.
        if (error instanceof TransactionRefused) {
          throw error.failed(0) || error.contended
            ? lostRace('The project')
            : new ConflictError(`The change was refused: ${error.reasons.join(', ')}.`);
        }
        throw error;
      }
      return stored;
    },

    /**
     * Creates a project with the next code of its year (LC-2026-0001…). The number comes from one
     * atomic increment of the year's counter, which never fails for contention, so sixty creations
     * at once do not retry against each other. The project, its audit event and the number's
     * register record (under `attribute_not_exists`, so no code is ever given twice) are one
     * transaction. A number whose transaction fails is voided at once with why; one whose creator
     * stopped before it could void it is voided by `recordCode` when the register is reconciled.
     * `project.code` is replaced. A refusal for the number itself (voided meanwhile) takes the next;
     * any other calls `onRefused`, which may throw, and is a lost race.
     */
    async create(change: Omit<ChangeInput, 'before'>, onRefused: (refusal: TransactionRefused) => Promise<void>) {
      const year = change.after.year;
      const at = change.event.at;
      for (let attempt = 1; ; attempt++) {
        const number = await allocateCode(year);
        const code = codeOf(year, number);
        const { items, stored } = changeItems({
          ...change,
          before: null,
          after: { ...change.after, code },
          event: { ...change.event, details: { ...change.event.details, code } },
        });
        const recordAt = items.length;
        items.push({ Put: registerPut({ status: 'used', year, number, code, projectId: change.after.id, at }) });
        try {
          await transact(items);
          return stored;
        } catch (error) {
          await voidUnused(year, number, at, whyUnused(error, recordAt));
          if (!(error instanceof TransactionRefused)) throw error;
          if (!(error.failed(recordAt) || error.contended) || attempt >= 5) {
            await onRefused(error);
            throw lostRace('The project register');
          }
        }
      }
    },

    /** The next number of a year's counter: one atomic increment, never refused for contention. */
    allocateCode,

    /** The years whose counters have given out numbers. */
    async codeYears(): Promise<number[]> {
      const { Items } = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': 'COUNTER', ':prefix': 'PROJECT-CODE#' },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map((item) => Number(String(item.SK).slice('PROJECT-CODE#'.length)));
    },

    /**
     * A year's register: how many numbers its counter gave out, the record of each that has one, and
     * those without (`unrecorded`: in flight, or left by a creator that stopped).
     */
    async register(year: number): Promise<{
      allocated: number;
      records: CodeRecord[];
      unrecorded: { number: number; code: string }[];
    }> {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: counterKey(year), ConsistentRead: true }),
      );
      const records = await queryAll(
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': `PROJECT-CODE#${year}` },
          ConsistentRead: true,
        },
        z.looseObject({}).transform((item) => CodeRecordSchema.parse({ ...item, year })),
      );
      const allocated = Number(Item?.value ?? 0);
      const recorded = new Set(records.map((record) => record.number));
      const unrecorded = Array.from({ length: allocated }, (_, i) => i + 1)
        .filter((number) => !recorded.has(number))
        .map((number) => ({ number, code: codeOf(year, number) }));
      return { allocated, records, unrecorded };
    },

    /**
     * The codes the projects of a year carry, by code. It reads every project (a county has a few
     * thousand), so only a reconciliation that found a number without a record asks for it.
     */
    async codesOfYear(year: number): Promise<Map<string, string>> {
      const codes = new Map<string, string>();
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: tableName,
            IndexName: INDEXES.byType.name,
            KeyConditionExpression: '#pk = :pk',
            FilterExpression: '#year = :year',
            ExpressionAttributeNames: { '#pk': INDEXES.byType.pk, '#year': 'year' },
            ExpressionAttributeValues: { ':pk': 'PROJECT', ':year': year },
            ExclusiveStartKey: start,
          }),
        );
        // Only the code and the id: a project today's schema refuses still holds its code, which must not be voided.
        for (const item of page.Items ?? []) {
          const { id, code } = CarriedCodeSchema.parse(item);
          codes.set(code, id);
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return codes;
    },

    /** Records what became of a number, unless it has a record already (then false: the first word stands). */
    recordCode: (record: CodeRecord) => putRecord(record),

    /** One page of the audit trail, oldest first. */
    eventPage(id: string, limit: number, cursor?: string): Promise<Page<ProjectEvent>> {
      const { query, shape } = eventsQuery(id);
      return queryPage(query, ProjectEventSchema, { limit, cursor }, shape);
    },

    /** The whole audit trail, oldest first (verification recomputes all of it). */
    events(id: string): Promise<ProjectEvent[]> {
      return queryAll(eventsQuery(id).query, ProjectEventSchema);
    },

    /**
     * A page of projects, newest first: of one department (owned and co-built), of one stage,
     * or of the whole county. Co-built entries are member items, resolved to their projects.
     */
    async list(query: {
      by: { deptId: string } | { stage: Stage } | 'all';
      stage?: Stage | undefined;
      limit: number;
      cursor?: string | undefined;
    }): Promise<Page<StoredProject>> {
      const index = query.by === 'all' ? INDEXES.byType : 'deptId' in query.by ? INDEXES.byDepartment : INDEXES.byStage;
      const partition =
        query.by === 'all' ? 'PROJECT' : 'deptId' in query.by ? `DEPT#${query.by.deptId}` : `STAGE#${query.by.stage}`;
      const filterStage = query.stage && (query.by === 'all' || 'deptId' in query.by) ? query.stage : undefined;
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.pk, ...(filterStage ? { '#stage': 'stage' } : {}) },
          ExpressionAttributeValues: { ':pk': partition, ...(filterStage ? { ':stage': filterStage } : {}) },
          ...(filterStage ? { FilterExpression: '#stage = :stage' } : {}),
          ScanIndexForward: false,
          Limit: query.limit,
          ExclusiveStartKey: decodeCursor(query.cursor, {
            partition: { name: index.pk, value: partition },
            keys: ['PK', 'SK', index.pk, index.sk],
          }),
        }),
      );
      const list = `projects ${partition}`;
      // Co-built entries are member items: their projects are read in one batch, not one by one.
      const members = (page.Items ?? [])
        .filter((item) => item.type !== 'project')
        .map((item) => String(item.projectId));
      const resolved = await getRawMany(members);
      const items: StoredProject[] = [];
      for (const item of page.Items ?? []) {
        // A project today's schema refuses (written by an older version) is left out and reported, not a 500.
        const raw = item.type === 'project' ? item : resolved.get(String(item.projectId));
        const project = raw && (await readItem(raw, StoredProjectSchema, list));
        if (project) items.push(project);
      }
      return { items, nextCursor: encodeCursor(page.LastEvaluatedKey) };
    },
  };
};
export type ProjectRepository = ReturnType<typeof projectRepository>;

/** Why a creation did not use its number, in words an auditor reads beside the gap. */
const whyUnused = (error: unknown, recordAt: number): string => {
  if (!(error instanceof TransactionRefused)) {
    return `The creation failed before its project was written (${error instanceof Error ? error.name : 'error'}).`;
  }
  const name = (index: number) =>
    index === 0
      ? 'the project'
      : index === 1
        ? 'its audit event'
        : index === recordAt
          ? 'this number'
          : `an item written with it (#${index})`;
  const refused = error.reasons.flatMap((reason, index) => (reason === 'None' ? [] : [`${name(index)}: ${reason}`]));
  return `The creation's transaction was refused (${refused.join('; ') || 'no reason given'}); no project took this number.`;
};

/** The `projects` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const projects = (env: { readonly TABLE_NAME: string }) => projectRepository(env.TABLE_NAME);
