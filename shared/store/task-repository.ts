import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type StoredTask, StoredTaskSchema } from '#shared/domain/review.ts';
import type { Tasks } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import {
  type CursorShape,
  decodeCursor,
  decodeMergedCursor,
  encodeCursor,
  encodeMergedCursor,
  type Positions,
} from './cursor.ts';
import { type Page, queryAll, readItems } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import type { TransactItem } from './transactions.ts';

const key = (id: string) => ({ PK: `TASK#${id}`, SK: 'META' });
const { name: INDEX, pk: PK, sk: SK } = INDEXES.taskQueue;
const CONFLICTS = 'CONFLICT-OF-INTEREST';

/**
 * The task index is sparse and holds two kinds of partition: an open task sits in its role's
 * queue, earliest due first; a decision marked as a conflict of interest sits in the Audit
 * Bureau's list, newest last. Any other task is in neither.
 */
const indexKeys = (task: StoredTask) => {
  if (task.status === 'open') return { [PK]: `QUEUE#${task.role}`, [SK]: `${task.dueDate}#${task.id}` };
  if (task.conflictOfInterest && task.decision)
    return { [PK]: CONFLICTS, [SK]: `${task.decision.decidedAt}#${task.id}` };
  return {};
};

const shape = (partition: string): CursorShape => ({
  partition: { name: PK, value: partition },
  keys: ['PK', 'SK', PK, SK],
});

export const taskRepository = (tableName: string) => {
  const page = async (partition: string, limit: number, start: Record<string, unknown> | undefined) => {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEX,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: result.Items ?? [], last: result.LastEvaluatedKey };
  };
  const position = (item: Record<string, unknown>) => ({ PK: item.PK, SK: item.SK, [PK]: item[PK], [SK]: item[SK] });

  return {
    async get(id: string): Promise<StoredTask | undefined> {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }),
      );
      return Item ? StoredTaskSchema.parse(Item) : undefined;
    },

    /**
     * Writes `task` if the stored one is still what was read: `expected` is the token the caller
     * read (undefined when it read none), so two writers of the same task cannot both win.
     */
    put(task: StoredTask, expected: { token: string; status: StoredTask['status'] } | undefined): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: { ...key(task.id), type: 'task', ...StoredTaskSchema.parse(task), ...indexKeys(task) },
          ConditionExpression: expected ? '#token = :token AND #status = :status' : 'attribute_not_exists(PK)',
          ...(expected
            ? {
                ExpressionAttributeNames: { '#token': 'token', '#status': 'status' },
                ExpressionAttributeValues: { ':token': expected.token, ':status': expected.status },
              }
            : {}),
        },
      };
    },

    /**
     * The open tasks of several roles' queues read as one, earliest due first, a page at a time:
     * each queue is read from its own position, the heads merged, and the cursor keeps where each
     * queue stands, so someone holding several review roles pages through all of them.
     */
    async queues(roles: readonly string[], limit: number, cursor?: string): Promise<Page<StoredTask>> {
      const partitions = Object.fromEntries(roles.map((role) => [role, `QUEUE#${role}`]));
      const positions: Positions = decodeMergedCursor(
        cursor,
        Object.fromEntries(roles.map((role) => [role, shape(`QUEUE#${role}`)])),
      );
      const heads = await Promise.all(
        roles
          .filter((role) => positions[role] !== 'end')
          .map(async (role) => {
            const start = positions[role];
            return { role, ...(await page(partitions[role] as string, limit, start === 'end' ? undefined : start)) };
          }),
      );
      const taken = heads
        .flatMap((head) => head.items.map((item) => ({ role: head.role, item })))
        .sort((a, b) => String(a.item[SK]).localeCompare(String(b.item[SK])))
        .slice(0, limit);
      const next: Positions = { ...positions };
      for (const head of heads) {
        const mine = taken.filter((t) => t.role === head.role);
        const last = mine.at(-1);
        if (mine.length === head.items.length && !head.last) next[head.role] = 'end';
        else if (last) next[head.role] = position(last.item);
      }
      return {
        items: await readItems(
          taken.map((t) => t.item),
          StoredTaskSchema,
          `task queues ${roles.join(' ')}`,
        ),
        nextCursor: roles.every((role) => next[role] === 'end') ? null : encodeMergedCursor(next),
      };
    },

    /** The open tasks of a role's queue due before `date` (late ones), earliest first. */
    overdue(role: string, date: string): Promise<StoredTask[]> {
      return queryAll(
        {
          TableName: tableName,
          IndexName: INDEX,
          KeyConditionExpression: '#pk = :pk AND #sk < :date',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: { ':pk': `QUEUE#${role}`, ':date': date },
        },
        StoredTaskSchema,
      );
    },

    /** The open tasks of a role's queue due from `from` through `through` (inclusive), earliest first. */
    dueBetween(role: string, from: string, through: string): Promise<StoredTask[]> {
      return queryAll(
        {
          TableName: tableName,
          IndexName: INDEX,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :through',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          // `dueDate#id`: every task of the last day sorts before `dueDate$`.
          ExpressionAttributeValues: { ':pk': `QUEUE#${role}`, ':from': from, ':through': `${through}$` },
        },
        StoredTaskSchema,
      );
    },

    /** Decisions a reviewing bureau took on its own project (ART04), oldest first, for the Audit Bureau. */
    async conflictsOfInterest(limit: number, cursor?: string): Promise<Page<StoredTask>> {
      const result = await page(CONFLICTS, limit, decodeCursor(cursor, shape(CONFLICTS)));
      return {
        items: await readItems(result.items, StoredTaskSchema, 'conflicts of interest'),
        nextCursor: encodeCursor(result.last),
      };
    },
  };
};
// The store is what its port asks for (the compiler holds the two together).
taskRepository satisfies (tableName: string) => Tasks;

/** The `tasks` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const tasks = (env: { readonly TABLE_NAME: string }) => taskRepository(env.TABLE_NAME);
