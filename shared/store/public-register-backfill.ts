import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoredProjectSchema } from '#shared/domain/project.schema.ts';
import { publicListing } from '#shared/domain/public-register.ts';
import { isPublic, STAGES } from '#shared/domain/stages.ts';
import { dynamo } from './clients.ts';
import { publicRegisterKeys } from './register-repository.ts';
import { INDEXES } from './table-layout.ts';

/** What a backfill did (scripts/backfill-public-register.ts prints it). */
export interface PublicRegisterBackfill {
  /** Projects of a public stage found without the register's keys. */
  readonly missing: number;
  /** Of those, given their keys by this run. */
  readonly listed: number;
  /**
   * Written meanwhile (another version stored): that write was the repository's, which sets the
   * keys itself, so the project heals without this run.
   */
  readonly raced: number;
  /** Items this run cannot list, to look at by hand: today's schema refuses them, or no day of approval can be told. */
  readonly skipped: readonly string[];
}

/** Projects given their keys at once: each is one small conditional update. */
const WRITERS = 16;

/**
 * Lists on the public register the projects approved before it existed (issue #21): the project
 * repository sets the register's keys on every write of a project in a public stage, so a project
 * written since heals by itself, but one approved earlier and not written since has none. This
 * reads each public stage's partition of the stage index (items without the keys only) and gives
 * each project the keys the repository would, under a condition on the version it read and on the
 * keys still missing: it never overwrites a newer write, and a second run finds nothing to do.
 */
export const backfillPublicRegister = async (tableName: string): Promise<PublicRegisterBackfill> => {
  let missing = 0;
  let listed = 0;
  let raced = 0;
  const skipped: string[] = [];
  const list = async (item: Record<string, unknown>) => {
    const parsed = StoredProjectSchema.safeParse(item);
    const listing = parsed.success ? publicListing(parsed.data) : null;
    if (!parsed.success || !listing) {
      skipped.push(String(item.PK));
      return;
    }
    const keys = publicRegisterKeys(listing.year, listing.approvedOn, parsed.data.code);
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: 'SET #pk = :pk, #sk = :sk',
          ConditionExpression: 'version = :version AND attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': INDEXES.publicRegister.pk, '#sk': INDEXES.publicRegister.sk },
          ExpressionAttributeValues: {
            ':pk': keys[INDEXES.publicRegister.pk],
            ':sk': keys[INDEXES.publicRegister.sk],
            ':version': parsed.data.version,
          },
        }),
      );
      listed++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      raced++;
    }
  };

  for (const stage of STAGES.filter(isPublic)) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEXES.byStage.name,
          KeyConditionExpression: '#stage = :stage',
          FilterExpression: 'attribute_not_exists(#listed)',
          ExpressionAttributeNames: { '#stage': INDEXES.byStage.pk, '#listed': INDEXES.publicRegister.pk },
          ExpressionAttributeValues: { ':stage': `STAGE#${stage}` },
          ExclusiveStartKey: start,
        }),
      );
      const items = page.Items ?? [];
      missing += items.length;
      for (let i = 0; i < items.length; i += WRITERS) await Promise.all(items.slice(i, i + WRITERS).map(list));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return { missing, listed, raced, skipped };
};
