import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH, sealEvent } from '#shared/domain/audit-chain.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import {
  type Project,
  type ProjectEvent,
  ProjectEventSchema,
  type StoredProject,
  StoredProjectSchema,
} from '#shared/domain/project.schema.ts';
import { publicListing } from '#shared/domain/public-register.ts';
import type { Stage } from '#shared/domain/stages.ts';
import type { CodeRegister, EventInput, ProjectChange, ProjectStore } from '#shared/use-cases/ports.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type Page, queryAll, queryPage, readItem } from './paged-query.ts';
import { codeOf, projectCodeRegister } from './project-code-register.ts';
import { publicRegisterKeys } from './register-repository.ts';
import { INDEXES } from './table-layout.ts';
import { itemsOf, lostRace, type TransactItem, TransactionRefused, transact } from './transactions.ts';

const projectKey = (id: string) => ({ PK: `PROJECT#${id}`, SK: 'META' });
const eventKey = (id: string, seq: number) => ({ PK: `PROJECT#${id}`, SK: `EVENT#${String(seq).padStart(10, '0')}` });
const memberKey = (id: string, deptId: string) => ({ PK: `PROJECT#${id}`, SK: `MEMBER#${deptId}` });
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

/**
 * A project's item as the table stores it: its keys, its index keys (the public register's from
 * approval on) and the project. Every write of a project puts this whole item, so a write heals
 * index keys an older item lacked; the bench seeds its projects with it.
 */
export const projectItem = (project: StoredProject) => ({
  ...projectKey(project.id),
  type: 'project',
  ...indexKeys(project),
  ...StoredProjectSchema.parse(project),
});

interface ChangeInput {
  /** The project as read (its version is the condition), or null when creating it. */
  readonly before: StoredProject | null;
  readonly after: Project;
  readonly event: EventInput;
  /** What changes together with the project (obligations, tasks, idempotency records). */
  readonly with?: ProjectChange['with'];
}

export const projectRepository = (tableName: string) => {
  const codes = projectCodeRegister(tableName);
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
          Item: projectItem(stored),
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
    items.push(...itemsOf(typeof change.with === 'function' ? change.with(stored) : change.with));
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
        const number = await codes.allocateCode(year);
        const code = codeOf(year, number);
        const { items, stored } = changeItems({
          ...change,
          before: null,
          after: { ...change.after, code },
          event: { ...change.event, details: { ...change.event.details, code } },
        });
        const recordAt = items.length;
        items.push(codes.used({ year, number, code, projectId: change.after.id, at }));
        try {
          await transact(items);
          return stored;
        } catch (error) {
          await codes.voidUnused(year, number, at, whyUnused(error, recordAt));
          if (!(error instanceof TransactionRefused)) throw error;
          if (!(error.failed(recordAt) || error.contended) || attempt >= 5) {
            await onRefused(error);
            throw lostRace('The project register');
          }
        }
      }
    },

    // The code register's reads and records, beside the aggregate that takes its numbers.
    /** The next number of a year's counter (the register's). */
    allocateCode: codes.allocateCode,
    codeYears: codes.codeYears,
    register: codes.register,
    codesOfYear: codes.codesOfYear,
    recordCode: codes.recordCode,

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
// The store is what its port asks for (the compiler holds the two together).
projectRepository satisfies (tableName: string) => ProjectStore & CodeRegister;

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
