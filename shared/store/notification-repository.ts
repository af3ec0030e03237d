import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Announcement, audienceKey, type Notification, NotificationSchema } from '#shared/domain/reminders.ts';
import type { Notifications } from '#shared/use-cases/ports.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { type CursorShape, decodeMergedCursor, encodeMergedCursor, type Positions } from './cursor.ts';
import type { Page } from './paged-query.ts';
import { queryAll, readItems } from './paged-query.ts';
import { TransactionRefused, transact } from './transactions.ts';

/** An audience's notifications, newest morning first: `N#{asOf}.{digest}`. */
const notificationKey = (audience: string, id: string) => ({ PK: `NOTIFY#${audience}`, SK: `N#${id}` });
/** That a subject was announced under a kind: written once, with its notification, under a condition. */
const markerKey = (subject: string, kind: string) => ({ PK: `ANNOUNCED#${subject}`, SK: kind });
/** That one person read one notification (`read` is per person: the token's `sub`). */
const readKey = (sub: string, id: string) => ({ PK: `READ#${sub}`, SK: id });

const shape = (audience: string): CursorShape => ({
  partition: { name: 'PK', value: `NOTIFY#${audience}` },
  keys: ['PK', 'SK'],
});

/** The notification's id: the morning, then a digest of who hears of what (the same subject and kind never twice). */
const idOf = (announcement: Announcement, asOf: string) =>
  `${asOf}.${createHash('sha256')
    .update(`${audienceKey(announcement.audience)}|${announcement.kind}|${announcement.subject}`)
    .digest('hex')
    .slice(0, 20)}`;

/**
 * The notification centre (GET /v1/notifications): what each morning announced, kept under its
 * audience (a department, a role's queue), and who read what. An announcement is written once per
 * subject and kind: its marker and its notification in one transaction on the marker not
 * existing, so a second run of the same morning, or two at once, announce nothing twice.
 */
export const notificationRepository = (tableName: string) => ({
  /** Writes the announcement if its subject was not announced under its kind before; the notification, or undefined. */
  async announce(announcement: Announcement, asOf: string, at: string): Promise<Notification | undefined> {
    const audience = audienceKey(announcement.audience);
    const notification = NotificationSchema.parse({
      id: idOf(announcement, asOf),
      at,
      asOf,
      kind: announcement.kind,
      projectId: announcement.projectId,
      code: announcement.code,
      dueDate: announcement.dueDate,
      key: announcement.key,
      taskId: announcement.taskId,
      audience,
    });
    try {
      await transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...markerKey(announcement.subject, announcement.kind), type: 'announced', id: notification.id, at },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...notificationKey(audience, notification.id), type: 'notification', ...notification },
          },
        },
      ]);
      return notification;
    } catch (error) {
      if (error instanceof TransactionRefused) return undefined;
      throw error;
    }
  },

  /**
   * A page of the notifications of several audiences read as one, newest morning first: each
   * audience's partition from its own position, merged, the cursor keeping where each stands.
   */
  async page(
    audiences: readonly string[],
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<Notification>> {
    if (audiences.length === 0) return { items: [], nextCursor: null };
    const positions: Positions = decodeMergedCursor(
      page.cursor,
      Object.fromEntries(audiences.map((audience) => [audience, shape(audience)])),
    );
    const heads = await Promise.all(
      audiences
        .filter((audience) => positions[audience] !== 'end')
        .map(async (audience) => {
          const start = positions[audience];
          const result = await dynamo().send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
              ExpressionAttributeValues: { ':pk': `NOTIFY#${audience}`, ':n': 'N#' },
              ScanIndexForward: false,
              Limit: page.limit,
              ExclusiveStartKey: start === 'end' ? undefined : start,
            }),
          );
          return { audience, items: result.Items ?? [], last: result.LastEvaluatedKey };
        }),
    );
    const taken = heads
      .flatMap((head) => head.items.map((item) => ({ audience: head.audience, item })))
      .sort((a, b) => String(b.item.SK).localeCompare(String(a.item.SK)))
      .slice(0, page.limit);
    const next: Positions = { ...positions };
    for (const head of heads) {
      const mine = taken.filter((t) => t.audience === head.audience);
      const last = mine.at(-1);
      if (mine.length === head.items.length && !head.last) next[head.audience] = 'end';
      else if (last) next[head.audience] = { PK: last.item.PK, SK: last.item.SK };
    }
    return {
      items: await readItems(
        taken.map((t) => t.item),
        NotificationSchema,
        `notifications ${audiences.join(' ')}`,
      ),
      nextCursor: audiences.every((audience) => next[audience] === 'end') ? null : encodeMergedCursor(next),
    };
  },

  /** The notification `id` if one of `audiences` holds it. */
  async find(audiences: readonly string[], id: string): Promise<Notification | undefined> {
    const found = await Promise.all(
      audiences.map(async (audience) => {
        const { Item } = await dynamo().send(
          new GetCommand({ TableName: tableName, Key: notificationKey(audience, id), ConsistentRead: true }),
        );
        return Item ? NotificationSchema.parse(Item) : undefined;
      }),
    );
    return found.find((notification) => notification !== undefined);
  },

  /** Which of `ids` the person `sub` has read. */
  async readBy(sub: string, ids: readonly string[]): Promise<Set<string>> {
    const items = await batchGet(
      tableName,
      ids.map((id) => readKey(sub, id)),
    );
    return new Set(items.map((item) => String(item.SK)));
  },

  /** The morning's notifications of `audience` that no digest has carried yet (strongly consistent: just written). */
  unpublished(audience: string, asOf: string): Promise<Notification[]> {
    return queryAll(
      {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :morning)',
        FilterExpression: 'attribute_not_exists(publishedAt)',
        ExpressionAttributeValues: { ':pk': `NOTIFY#${audience}`, ':morning': `N#${asOf}.` },
        ConsistentRead: true,
      },
      NotificationSchema,
    );
  },

  /** Marks notifications as carried by a digest, so a rerun of the morning does not send them again. */
  async markPublished(audience: string, ids: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 16) {
      await Promise.all(
        ids.slice(i, i + 16).map((id) =>
          dynamo().send(
            new UpdateCommand({
              TableName: tableName,
              Key: notificationKey(audience, id),
              UpdateExpression: 'SET publishedAt = :at',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':at': at },
            }),
          ),
        ),
      );
    }
  },

  /** Marks `id` read by `sub`; reading twice is reading once. */
  async markRead(sub: string, id: string, at: string): Promise<void> {
    await dynamo().send(
      new PutCommand({ TableName: tableName, Item: { ...readKey(sub, id), type: 'notification-read', at } }),
    );
  },
});
// The store is what its port asks for (the compiler holds the two together).
notificationRepository satisfies (tableName: string) => Notifications;

/** The `notifications` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const notifications = (env: { readonly TABLE_NAME: string }) => notificationRepository(env.TABLE_NAME);
