import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type StoredTask, StoredTaskSchema } from '#shared/domain/review.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryAll } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import type { TransactItem } from './transactions.ts';

const key = (id: string) => ({ PK: `TASK#${id}`, SK: 'META' });

/** Only open tasks sit in their role's queue (sparse index), earliest due first. */
const queueKeys = (task: StoredTask) =>
  task.status === 'open' ? { GSI3PK: `QUEUE#${task.role}`, GSI3SK: `${task.dueDate}#${task.id}` } : {};

export const taskRepository = (tableName: string) => ({
  async get(id: string): Promise<StoredTask | undefined> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
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
        Item: { ...key(task.id), type: 'task', ...task, ...queueKeys(task) },
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

  /** The open tasks of a role's queue due before `date` (late ones), earliest first. */
  overdue(role: string, date: string): Promise<StoredTask[]> {
    return queryAll(
      {
        TableName: tableName,
        IndexName: INDEXES.taskQueue.name,
        KeyConditionExpression: '#pk = :pk AND #sk < :date',
        ExpressionAttributeNames: { '#pk': INDEXES.taskQueue.pk, '#sk': INDEXES.taskQueue.sk },
        ExpressionAttributeValues: { ':pk': `QUEUE#${role}`, ':date': date },
      },
      StoredTaskSchema,
    );
  },

  async queue(role: string, limit: number, cursor?: string) {
    const partition = `QUEUE#${role}`;
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEXES.taskQueue.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.taskQueue.pk },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, {
          partition: { name: INDEXES.taskQueue.pk, value: partition },
          keys: ['PK', 'SK', INDEXES.taskQueue.pk, INDEXES.taskQueue.sk],
        }),
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => StoredTaskSchema.parse(item)),
      nextCursor: encodeCursor(page.LastEvaluatedKey),
    };
  },
});
export type TaskRepository = ReturnType<typeof taskRepository>;

/** The `tasks` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const tasks = (env: { readonly TABLE_NAME: string }) => taskRepository(env.TABLE_NAME);
