import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Finding, FindingSchema, type FundingHold, FundingHoldSchema } from '#shared/domain/finding.schema.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Findings } from '#shared/use-cases/ports.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { OBLIGATION_SHARDS, shardOf } from './obligation-repository.ts';
import { queryAll, readItems } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import { type TransactItem, TransactionRefused, transact } from './transactions.ts';

const findingKey = (f: Pick<Finding, 'projectId' | 'code' | 'key'>) => ({
  PK: `PROJECT#${f.projectId}`,
  SK: `FINDING#${f.code}#${f.key}`,
});
const holdKey = (h: Pick<FundingHold, 'projectId' | 'code' | 'key'>) => ({
  PK: `PROJECT#${h.projectId}`,
  SK: `HOLD#${h.code}#${h.key}`,
});

const HOLDS = 'FUNDING-HOLD';

const indexKeys = (f: Finding) => ({
  GSI1PK: `FINDINGS-OF#${f.ownerDeptId}`,
  GSI1SK: `${f.openedAt}#${f.id}`,
  GSI6PK: 'FINDING',
  GSI6SK: `${f.openedAt}#${f.id}`,
  // Only open findings sit in the sweep's resolution index.
  ...(f.status === 'open' ? { GSI5PK: `OPEN-FINDINGS#${shardOf(f.projectId)}`, GSI5SK: f.id } : {}),
});

export const findingRepository = (tableName: string) => ({
  /**
   * Writes findings that belong to no project's change (a department's own duty, ART24 drills),
   * each conditional as `open`/`reopen`/`resolve` make it: false when another sweep got there first.
   */
  async write(items: readonly TransactItem[]): Promise<boolean> {
    if (items.length === 0) return true;
    try {
      await transact([...items]);
      return true;
    } catch (error) {
      if (error instanceof TransactionRefused) return false;
      throw error;
    }
  },

  async get(projectId: string, code: RuleCode, key: string): Promise<Finding | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName, Key: findingKey({ projectId, code, key }), ConsistentRead: true }),
    );
    return Item ? FindingSchema.parse(Item) : undefined;
  },

  /** Several findings of one project in one call, strongly consistent; those that do not exist are left out. */
  async getMany(projectId: string, which: readonly { code: RuleCode; key: string }[]): Promise<Finding[]> {
    const items = await batchGet(
      tableName,
      which.map(({ code, key }) => findingKey({ projectId, code, key })),
    );
    return items.map((item) => FindingSchema.parse(item));
  },

  /** Opens a finding exactly once per late duty: a second sweep's attempt fails its condition. */
  open(finding: Finding): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...findingKey(finding), type: 'finding', ...FindingSchema.parse(finding), ...indexKeys(finding) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  },

  /** Opens again a finding that was resolved (the same year's later O&M report fails again). */
  reopen(finding: Finding): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...findingKey(finding), type: 'finding', ...FindingSchema.parse(finding), ...indexKeys(finding) },
        ConditionExpression: '#status = :resolved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':resolved': 'resolved' },
      },
    };
  },

  resolve(finding: Finding): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...findingKey(finding), type: 'finding', ...FindingSchema.parse(finding), ...indexKeys(finding) },
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      },
    };
  },

  /**
   * A hold on a project's funds. Every hold also sits in the county's list of holds (the `byType`
   * index, oldest first), which the portfolio reads: it grows with what is held, never the table.
   */
  hold(hold: FundingHold): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...holdKey(hold),
          type: 'hold',
          ...FundingHoldSchema.parse(hold),
          GSI6PK: HOLDS,
          GSI6SK: `${hold.since}#${hold.projectId}#${hold.code}#${hold.key}`,
        },
      },
    };
  },

  /** Every hold on any project's funds, oldest first. */
  allHolds(): Promise<FundingHold[]> {
    return queryAll(
      {
        TableName: tableName,
        IndexName: INDEXES.byType.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.byType.pk },
        ExpressionAttributeValues: { ':pk': HOLDS },
      },
      FundingHoldSchema,
    );
  },

  lift(hold: Pick<FundingHold, 'projectId' | 'code' | 'key'>): TransactItem {
    return { Delete: { TableName: tableName, Key: holdKey(hold) } };
  },

  async holdsOf(projectId: string): Promise<FundingHold[]> {
    const { Items } = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :hold)',
        ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':hold': 'HOLD#' },
        ConsistentRead: true,
      }),
    );
    // Whether funds may be released is decided on every hold: an unreadable one is an error, not "allowed".
    return (Items ?? []).map((item) => FundingHoldSchema.parse(item));
  },

  /** The open findings (what the sweep may resolve), a page at a time, every shard. */
  async *openPages(): AsyncGenerator<{ items: Finding[]; scanned: number }> {
    for (let shard = 0; shard < OBLIGATION_SHARDS; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: tableName,
            IndexName: INDEXES.openFindings.name,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': INDEXES.openFindings.pk },
            ExpressionAttributeValues: { ':pk': `OPEN-FINDINGS#${shard}` },
            ExclusiveStartKey: start,
            Limit: 100,
          }),
        );
        yield {
          items: await readItems(page.Items, FindingSchema, `open findings ${shard}`),
          scanned: page.ScannedCount ?? 0,
        };
        start = page.LastEvaluatedKey;
      } while (start);
    }
  },

  /** Every open finding of the county: each shard of the sparse open-findings index, read in parallel. */
  async allOpen(): Promise<Finding[]> {
    const shards = Array.from({ length: OBLIGATION_SHARDS }, (_, shard) =>
      queryAll(
        {
          TableName: tableName,
          IndexName: INDEXES.openFindings.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEXES.openFindings.pk },
          ExpressionAttributeValues: { ':pk': `OPEN-FINDINGS#${shard}` },
        },
        FindingSchema,
      ),
    );
    return (await Promise.all(shards)).flat();
  },

  /** Newest first: of one project, of one department, or of the county; filtered by status and code. */
  async list(query: {
    by: { projectId: string } | { deptId: string } | 'all';
    status?: Finding['status'] | undefined;
    code?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }) {
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (query.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = query.status;
    }
    if (query.code) {
      filters.push('#code = :code');
      names['#code'] = 'code';
      values[':code'] = query.code;
    }
    const byProject = query.by !== 'all' && 'projectId' in query.by;
    const index = byProject ? undefined : query.by === 'all' ? INDEXES.byType : INDEXES.byDepartment;
    const pkName = index ? index.pk : 'PK';
    const partition =
      query.by === 'all'
        ? 'FINDING'
        : 'projectId' in query.by
          ? `PROJECT#${query.by.projectId}`
          : `FINDINGS-OF#${query.by.deptId}`;
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        ...(index ? { IndexName: index.name } : {}),
        KeyConditionExpression: byProject ? '#pk = :pk AND begins_with(SK, :finding)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkName, ...names },
        ExpressionAttributeValues: { ':pk': partition, ...(byProject ? { ':finding': 'FINDING#' } : {}), ...values },
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, {
          partition: { name: pkName, value: partition },
          keys: index ? ['PK', 'SK', index.pk, index.sk] : ['PK', 'SK'],
          ...(index ? {} : { prefix: { name: 'SK', value: 'FINDING#' } }),
        }),
      }),
    );
    return {
      items: await readItems(page.Items, FindingSchema, `findings ${partition}`),
      nextCursor: encodeCursor(page.LastEvaluatedKey),
    };
  },
});
// The store is what its port asks for (the compiler holds the two together).
findingRepository satisfies (tableName: string) => Findings;

/** The `findings` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const findings = (env: { readonly TABLE_NAME: string }) => findingRepository(env.TABLE_NAME);
