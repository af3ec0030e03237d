import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Obligation, ObligationSchema } from '#shared/domain/obligation.ts';
import type { Obligations } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import { type Page, queryAll, queryPage, readItems } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import { type TransactItem, TransactionRefused, transact } from './transactions.ts';

/**
 * Open obligations are spread over this many index partitions so that a county-wide sweep
 * reads them in parallel and no partition runs hot; the sweep queries every shard.
 */
export const OBLIGATION_SHARDS = 16;

export const shardOf = (projectId: string) =>
  createHash('sha256').update(projectId).digest().readUInt8(0) % OBLIGATION_SHARDS;

const key = (projectId: string, code: string, dutyKey: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `DUE#${code}#${dutyKey}`,
});

/** Only open obligations carry the due-date index attributes: the index holds exactly what may fall due. */
const dueIndex = (o: Obligation) => ({
  GSI4PK: `DUE#${shardOf(o.projectId)}`,
  GSI4SK: `${o.dueDate}#${o.projectId}#${o.code}#${o.key}`,
});

const OPEN_ONLY = {
  ConditionExpression: '#status = :open',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':open': 'open' },
};

export const obligationRepository = (tableName: string) => {
  /** The item as stored: open duties carry the due-index keys, settled ones leave the index. */
  const item = (o: Obligation) => ({
    ...key(o.projectId, o.code, o.key),
    type: 'obligation',
    ...ObligationSchema.parse(o),
    ...(o.status === 'open' ? dueIndex(o) : {}),
  });
  const dutiesOf = (projectId: string) => ({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :due)',
    ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':due': 'DUE#' },
    ConsistentRead: true,
  });
  /** A page of one shard of the due index, its sort key (`dueDate#…`) compared with `date`. */
  const dueIndexPage = async (shard: number, compare: '<' | '>=', date: string, start?: Record<string, unknown>) => {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEXES.obligationsDue.name,
        KeyConditionExpression: `#pk = :pk AND #sk ${compare} :date`,
        ExpressionAttributeNames: { '#pk': INDEXES.obligationsDue.pk, '#sk': INDEXES.obligationsDue.sk },
        ExpressionAttributeValues: { ':pk': `DUE#${shard}`, ':date': date },
        ExclusiveStartKey: start,
        Limit: 100,
      }),
    );
    return {
      items: await readItems(page.Items, ObligationSchema, `due obligations ${shard}`),
      next: page.LastEvaluatedKey,
      scanned: page.ScannedCount ?? 0,
    };
  };

  return {
    /** A new duty with its due date; written with the change that starts its clock. */
    open(obligation: Obligation): TransactItem {
      return { Put: { TableName: tableName, Item: item(obligation), ConditionExpression: 'attribute_not_exists(PK)' } };
    },

    /**
     * Marks a late duty found, once: only while it is still open, due when the sweep read it, and
     * not found before. The finding and its audit event are written in the same transaction.
     */
    found(obligation: Obligation, at: string): TransactItem {
      return {
        Update: {
          TableName: tableName,
          Key: key(obligation.projectId, obligation.code, obligation.key),
          UpdateExpression: 'SET foundAt = :at',
          ConditionExpression:
            '#status = :open AND dueDate = :due AND (attribute_not_exists(foundAt) OR foundAt = :none)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':due': obligation.dueDate, ':at': at, ':none': null },
        },
      };
    },

    /** An open duty written again with what it now carries (a waiver proposed or withdrawn); still open, still indexed. */
    amend(obligation: Obligation): TransactItem {
      if (obligation.status !== 'open') throw new Error('amend writes an open duty; settle closes one');
      return { Put: { TableName: tableName, Item: item(obligation), ...OPEN_ONLY } };
    },

    /** Fulfilled, waived or cancelled: leaves the due index, once. */
    /** An open duty changed while it stays open (answered, awaiting confirmation; or that answer returned). */
    update(obligation: Obligation): TransactItem {
      return { Put: { TableName: tableName, Item: item(obligation), ...OPEN_ONLY } };
    },

    /** A cancelled duty owed again (a project approved after its emergency was denied builds again to a baseline). */
    reopen(obligation: Obligation): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: item(obligation),
          ConditionExpression: '#status = :cancelled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled' },
        },
      };
    },

    settle(obligation: Obligation): TransactItem {
      return { Put: { TableName: tableName, Item: item(obligation), ...OPEN_ONLY } };
    },

    async get(projectId: string, code: string, dutyKey: string): Promise<Obligation | undefined> {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: key(projectId, code, dutyKey), ConsistentRead: true }),
      );
      return Item ? ObligationSchema.parse(Item) : undefined;
    },

    /** Every duty of a project, whatever its status. */
    ofProject(projectId: string): Promise<Obligation[]> {
      return queryAll(dutiesOf(projectId), ObligationSchema);
    },

    /** A page of a project's duties, for the API. */
    page(projectId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<Obligation>> {
      return queryPage(dutiesOf(projectId), ObligationSchema, page, {
        partition: { name: 'PK', value: `PROJECT#${projectId}` },
        keys: ['PK', 'SK'],
        prefix: { name: 'SK', value: 'DUE#' },
      });
    },

    /**
     * Re-dates an open duty (its basis counted again), moving it in the due index. Only the date
     * changes, and only from the date it was read at: whatever else was written meanwhile stays.
     */
    redate(obligation: Obligation, from: string): TransactItem {
      ObligationSchema.parse(obligation);
      return {
        Update: {
          TableName: tableName,
          Key: key(obligation.projectId, obligation.code, obligation.key),
          UpdateExpression: 'SET dueDate = :due, provisional = :provisional, GSI4SK = :indexed',
          ConditionExpression: '#status = :open AND dueDate = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': 'open',
            ':from': from,
            ':due': obligation.dueDate,
            ':provisional': obligation.provisional,
            ':indexed': dueIndex(obligation).GSI4SK,
          },
        },
      };
    },

    /** Open duties due on or after `from` whose date was counted provisionally: what a newly loaded calendar year may move. */
    async *provisionalFrom(from: string): AsyncGenerator<Obligation> {
      for (let shard = 0; shard < OBLIGATION_SHARDS; shard++) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dueIndexPage(shard, '>=', from, start);
          yield* page.items.filter((o) => o.provisional);
          start = page.next;
        } while (start);
      }
    },

    /**
     * The open duties due before `asOf` (strictly: on the due date itself nothing is late yet), a
     * page at a time, every shard. Reads only what is due: the sweep's cost follows what is due.
     */
    async *dueBefore(asOf: string): AsyncGenerator<{ items: Obligation[]; scanned: number }> {
      for (let shard = 0; shard < OBLIGATION_SHARDS; shard++) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dueIndexPage(shard, '<', asOf, start);
          yield { items: page.items, scanned: page.scanned };
          start = page.next;
        } while (start);
      }
    },

    /**
     * The open duties due from `from` through `through` (both inclusive), every shard read in
     * parallel: a range of the due index, so a morning's reminders read the window and nothing of
     * the county's other duties. Answers how many items the index returned beside them.
     */
    async dueBetween(from: string, through: string): Promise<{ items: Obligation[]; read: number }> {
      const shards = await Promise.all(
        Array.from({ length: OBLIGATION_SHARDS }, async (_, shard) => {
          const items: Obligation[] = [];
          let read = 0;
          let start: Record<string, unknown> | undefined;
          do {
            const page = await dynamo().send(
              new QueryCommand({
                TableName: tableName,
                IndexName: INDEXES.obligationsDue.name,
                KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :through',
                ExpressionAttributeNames: { '#pk': INDEXES.obligationsDue.pk, '#sk': INDEXES.obligationsDue.sk },
                // `dueDate#…`: every key of the last day sorts before `dueDate$`.
                ExpressionAttributeValues: { ':pk': `DUE#${shard}`, ':from': from, ':through': `${through}$` },
                ExclusiveStartKey: start,
              }),
            );
            items.push(...(await readItems(page.Items, ObligationSchema, `due obligations ${shard}`)));
            read += page.ScannedCount ?? 0;
            start = page.LastEvaluatedKey;
          } while (start);
          return { items, read };
        }),
      );
      return { items: shards.flatMap((s) => s.items), read: shards.reduce((sum, s) => sum + s.read, 0) };
    },

    /**
     * Marks a duty found whose finding already exists (opened before duties were marked, or
     * re-dated since): false when another sweep or a settlement got there first.
     */
    async markFound(obligation: Obligation, at: string): Promise<boolean> {
      try {
        await transact([this.found(obligation, at)]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefused) return false;
        throw error;
      }
    },
  };
};
// The store is what its port asks for (the compiler holds the two together).
obligationRepository satisfies (tableName: string) => Obligations;

/** The `obligations` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const obligations = (env: { readonly TABLE_NAME: string }) => obligationRepository(env.TABLE_NAME);
