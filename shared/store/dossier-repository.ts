import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Dossier, DossierSchema } from '#shared/domain/dossier.ts';
import type { DossierRecords } from '#shared/use-cases/dossiers/dossier-ports.ts';
import { dynamo } from './clients.ts';
import { queryPage } from './paged-query.ts';
import { storedAs } from './stored-item.ts';
import { INDEXES } from './table-layout.ts';

const key = (projectId: string, id: string) => ({ PK: `PROJECT#${projectId}`, SK: `DOSSIER#${id}` });
const COUNTY = 'DOSSIER';
const fromItem = storedAs(DossierSchema);

const item = (dossier: Dossier) => {
  const parsed = DossierSchema.parse(dossier);
  return {
    ...key(parsed.projectId, parsed.id),
    type: 'dossier',
    ...parsed,
    [INDEXES.byType.pk]: COUNTY,
    [INDEXES.byType.sk]: `${parsed.recordedAt}#${parsed.id}`,
  };
};

/**
 * Dossiers beside their project (`DOSSIER#<id>` in its partition), and county-wide in the type
 * index for the Audit Bureau. A dossier is written `building` with the export's audit event and
 * settled once: its archive is immutable, so is its record after that.
 */
export const dossierRepository = (tableName: string) =>
  ({
    put(dossier) {
      return { Put: { TableName: tableName, Item: item(dossier), ConditionExpression: 'attribute_not_exists(PK)' } };
    },

    async get(projectId, id) {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: key(projectId, id), ConsistentRead: true }),
      );
      return Item ? fromItem.parse(Item) : undefined;
    },

    page(projectId, page) {
      return queryPage(
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :dossier)',
          ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':dossier': 'DOSSIER#' },
          ConsistentRead: true,
        },
        fromItem,
        page,
        {
          partition: { name: 'PK', value: `PROJECT#${projectId}` },
          keys: ['PK', 'SK'],
          prefix: { name: 'SK', value: 'DOSSIER#' },
        },
      );
    },

    countyPage(page) {
      const { name, pk, sk } = INDEXES.byType;
      return queryPage(
        {
          TableName: tableName,
          IndexName: name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': pk },
          ExpressionAttributeValues: { ':pk': COUNTY },
        },
        fromItem,
        page,
        { partition: { name: pk, value: COUNTY }, keys: ['PK', 'SK', pk, sk] },
      );
    },

    async settle(dossier) {
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName,
            Item: item(dossier),
            ConditionExpression: '#status = :building',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':building': 'building' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  }) satisfies DossierRecords;
export type DossierRepository = ReturnType<typeof dossierRepository>;

/** The `dossiers` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const dossiers = (env: { readonly TABLE_NAME: string }): DossierRecords => dossierRepository(env.TABLE_NAME);
