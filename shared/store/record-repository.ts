import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { PHASE_RECORDS, type PhaseRecord, type RecordKind } from '#shared/domain/phase-records.ts';
import { dynamo } from './clients.ts';
import { type Page, queryAll, queryPage } from './paged-query.ts';
import { storedAs } from './stored-item.ts';
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

const schemaOf = <K extends RecordKind>(kind: K) => PHASE_RECORDS[kind] as unknown as z.ZodType<PhaseRecord<K>>;

/** A stored item back to its record: the store's own attributes off, then the record's strict schema. */
const fromItem = <K extends RecordKind>(kind: K): z.ZodType<PhaseRecord<K>> =>
  z.looseObject({}).transform(({ PK: _pk, SK: _sk, type: _type, ...record }) => schemaOf(kind).parse(record)) as never;

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
        Item: { ...key(kind, record.projectId, record.id), type: `record:${kind}`, ...parsed },
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
export type RecordRepository = ReturnType<typeof recordRepository>;

/** The `records` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const records = (env: { readonly TABLE_NAME: string }) => recordRepository(env.TABLE_NAME);
