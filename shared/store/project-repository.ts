import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH, sealEvent, type UnsealedEvent } from '#shared/domain/audit-chain.ts';
import {
  type Project,
  type ProjectEvent,
  ProjectEventSchema,
  type Stage,
  type StoredProject,
  StoredProjectSchema,
} from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type Page, queryAll, queryPage, readItem } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import { lostRace, type TransactItem, TransactionRefused, transact } from './transactions.ts';

const projectKey = (id: string) => ({ PK: `PROJECT#${id}`, SK: 'META' });
const eventKey = (id: string, seq: number) => ({ PK: `PROJECT#${id}`, SK: `EVENT#${String(seq).padStart(10, '0')}` });
const memberKey = (id: string, deptId: string) => ({ PK: `PROJECT#${id}`, SK: `MEMBER#${deptId}` });
const counterKey = (year: number) => ({ PK: 'COUNTER', SK: `PROJECT-CODE#${year}` });

/** Index attributes: newest first by department (owner, and co-builders via member items), by stage, and all. */
const indexKeys = (project: Project) => {
  const recency = `${project.updatedAt}#${project.id}`;
  return {
    GSI1PK: `DEPT#${project.ownerDeptId}`,
    GSI1SK: recency,
    GSI2PK: `STAGE#${project.stage}`,
    GSI2SK: recency,
    GSI6PK: 'PROJECT',
    GSI6SK: recency,
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
          Item: { ...projectKey(after.id), type: 'project', ...indexKeys(after), ...stored },
          ConditionExpression: before ? 'version = :version' : 'attribute_not_exists(PK)',
          ...(before ? { ExpressionAttributeValues: { ':version': before.version } } : {}),
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...eventKey(after.id, seq), type: 'event', projectId: after.id, ...event },
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

  const get = async (id: string): Promise<StoredProject | undefined> => {
    const Item = await getRaw(id);
    return Item ? StoredProjectSchema.parse(Item) : undefined;
  };

  return {
    get,

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
        if (error instanceof TransactionRefused) throw lostRace('The project');
        throw error;
      }
      return stored;
    },

    /**
     * Creates a project with the next code of its year (LC-2026-0001…), gapless: the counter is
     * advanced in the same transaction as the project, under the value it was read at, so two
     * creations can never take the same number and a failed one takes none. `project.code` is
     * replaced. Contention is retried with jittered backoff; `onRefused` may throw to stop.
     */
    async create(change: Omit<ChangeInput, 'before'>, onRefused: (refusal: TransactionRefused) => Promise<void>) {
      const year = change.after.year;
      for (let attempt = 1; ; attempt++) {
        const { Item } = await dynamo().send(
          new GetCommand({ TableName: tableName, Key: counterKey(year), ConsistentRead: true }),
        );
        const current = Number(Item?.value ?? 0);
        const code = `LC-${year}-${String(current + 1).padStart(4, '0')}`;
        const { items, stored } = changeItems({
          ...change,
          before: null,
          after: { ...change.after, code },
          event: { ...change.event, details: { ...change.event.details, code } },
        });
        items.push({
          Put: {
            TableName: tableName,
            Item: { ...counterKey(year), type: 'counter', value: current + 1 },
            ConditionExpression: current === 0 ? 'attribute_not_exists(PK)' : '#value = :current',
            ...(current === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#value': 'value' },
                  ExpressionAttributeValues: { ':current': current },
                }),
          },
        });
        try {
          await transact(items);
          return stored;
        } catch (error) {
          if (!(error instanceof TransactionRefused)) throw error;
          await onRefused(error);
          if (attempt >= 200) throw lostRace('The project register');
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * attempt)));
        }
      }
    },

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
      const items: StoredProject[] = [];
      for (const item of page.Items ?? []) {
        // A project today's schema refuses (written by an older version) is left out and reported, not a 500.
        const project =
          item.type === 'project'
            ? await readItem(item, StoredProjectSchema, list)
            : await getRaw(String(item.projectId)).then((raw) => raw && readItem(raw, StoredProjectSchema, list));
        if (project) items.push(project);
      }
      return { items, nextCursor: encodeCursor(page.LastEvaluatedKey) };
    },
  };
};
export type ProjectRepository = ReturnType<typeof projectRepository>;

/** The `projects` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const projects = (env: { readonly TABLE_NAME: string }) => projectRepository(env.TABLE_NAME);
