import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CodeRecord, CodeRecordSchema } from '#shared/domain/project-codes.ts';
import { logger } from '#shared/observability/logger.ts';
import type { CodeRegister } from '#shared/use-cases/ports.ts';
import { dynamo } from './clients.ts';
import { queryAll } from './paged-query.ts';
import { INDEXES } from './table-layout.ts';
import type { TransactItem } from './transactions.ts';

const counterKey = (year: number) => ({ PK: 'COUNTER', SK: `PROJECT-CODE#${year}` });
/** The register of a year's codes: one record per number the counter gave out, used or voided. */
const registerKey = (year: number, number: number) => ({
  PK: `PROJECT-CODE#${year}`,
  SK: String(number).padStart(10, '0'),
});
export const codeOf = (year: number, number: number) => `LC-${year}-${String(number).padStart(4, '0')}`;

const CarriedCodeSchema = z.object({ id: z.string(), code: z.string() });

/**
 * The register of the project codes (LC-2026-0001…): each year's counter, and one record per
 * number it gave out, used by a project or voided with why, so the register explains every gap.
 */
export const projectCodeRegister = (tableName: string) => {
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

  /** The next number of a year's counter: one atomic increment, never refused for contention. */
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

  const codeRegister = {
    allocateCode,
    voidUnused,
    /** The register record of the number a creation uses, written in the creation's own transaction. */
    used: (record: Omit<Extract<CodeRecord, { status: 'used' }>, 'status'>): TransactItem => ({
      Put: registerPut({ status: 'used', ...record }),
    }),

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
  };
  return codeRegister satisfies CodeRegister;
};
