import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { PHASE_RECORDS, type PhaseRecord, type RecordKind } from '#shared/domain/phase-records.ts';
import type { ProjectRecords } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import { type Page, queryAll, queryPage } from './paged-query.ts';
import { storedAs } from './stored-item.ts';
import { INDEXES } from './table-layout.ts';
import type { TransactItem } from './transactions.ts';

const key = (kind: RecordKind, projectId: string, id: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `REC#${kind}#${id}`,
});

const ofKind = (tableName: string, kind: RecordKind, projectId: string) => ({
  TableName: tableName,
  KeyConditionExpression: 'PK = :pk AND begins_with(SK, :kind)',
  ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':kind': `REC#${kind}#` },
  ConsistentRead: true,
});

type Records = { [K in RecordKind]: PhaseRecord<K>[] };

/**
 * Kinds also listed county-wide, newest last, in the type index: accountability records (ART33,
 * ART34), which the Audit Bureau reads across every project, and waivers (four eyes, ART33).
 */
const COUNTY_WIDE: Partial<Record<RecordKind, string>> = {
  'accountability-record': 'ACCOUNTABILITY',
  waiver: 'WAIVER',
};
const countyIndex = (kind: RecordKind, record: { id: string; recordedAt?: string }) => {
  const partition = COUNTY_WIDE[kind];
  return partition ? { [INDEXES.byType.pk]: partition, [INDEXES.byType.sk]: `${record.recordedAt}#${record.id}` } : {};
};

const schemaOf = <K extends RecordKind>(kind: K) => PHASE_RECORDS[kind] as unknown as z.ZodType<PhaseRecord<K>>;

const fromItem = <K extends RecordKind>(kind: K) => storedAs(schemaOf(kind));

/**
 * Phase records beside the project (contracts, milestones, changes, security records…), each kind
 * under `REC#<kind>#<id>` in the project's partition and parsed with its own schema on the way in
 * and out: nothing is written that its read would refuse.
 */
export const recordRepository = (tableName: string) => ({
  /** A record written with its project's change: `new` only if none with its id exists yet. */
  put<K extends RecordKind>(
    kind: K,
    record: PhaseRecord<K> & { projectId: string; id: string },
    expect: 'new' | 'any',
  ): TransactItem {
    const parsed = schemaOf(kind).parse(record);
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...key(kind, record.projectId, record.id),
          type: `record:${kind}`,
          ...parsed,
          ...countyIndex(kind, parsed as { id: string; recordedAt?: string }),
        },
        ...(expect === 'new' ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
      },
    };
  },

  async get<K extends RecordKind>(kind: K, projectId: string, id: string): Promise<PhaseRecord<K> | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName, Key: key(kind, projectId, id), ConsistentRead: true }),
    );
    return Item ? fromItem(kind).parse(Item) : undefined;
  },

  list<K extends RecordKind>(kind: K, projectId: string): Promise<PhaseRecord<K>[]> {
    return queryAll(ofKind(tableName, kind, projectId), fromItem(kind));
  },

  page<K extends RecordKind>(
    kind: K,
    projectId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<PhaseRecord<K>>> {
    return queryPage(ofKind(tableName, kind, projectId), fromItem(kind), page, {
      partition: { name: 'PK', value: `PROJECT#${projectId}` },
      keys: ['PK', 'SK'],
      prefix: { name: 'SK', value: `REC#${kind}#` },
    });
  },

  /** A page of a county-wide kind across every project, oldest first. */
  countyPage<K extends RecordKind>(
    kind: K,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<PhaseRecord<K>>> {
    const partition = COUNTY_WIDE[kind];
    if (!partition) throw new Error(`${kind} is not listed county-wide`);
    const { name, pk, sk } = INDEXES.byType;
    return queryPage(
      {
        TableName: tableName,
        IndexName: name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pk },
        ExpressionAttributeValues: { ':pk': partition },
      },
      fromItem(kind),
      page,
      { partition: { name: pk, value: partition }, keys: ['PK', 'SK', pk, sk] },
    );
  },

  /** Every record of a project, by kind, in one query: what a gate reads before a stage is left. */
  async all(projectId: string): Promise<Records> {
    const items = await queryAll(
      {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :rec)',
        ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':rec': 'REC#' },
        ConsistentRead: true,
      },
      // Each item is parsed below with the schema of its own kind.
      z.record(z.string(), z.unknown()),
    );
    const records = Object.fromEntries(Object.keys(PHASE_RECORDS).map((kind) => [kind, []])) as unknown as Records;
    for (const item of items) {
      const kind = String(item.type).replace(/^record:/, '') as RecordKind;
      (records[kind] as unknown[]).push(fromItem(kind).parse(item));
    }
    return records;
  },
});
// The store is what its port asks for (the compiler holds the two together).
recordRepository satisfies (tableName: string) => ProjectRecords;

/** The `records` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const records = (env: { readonly TABLE_NAME: string }) => recordRepository(env.TABLE_NAME);
