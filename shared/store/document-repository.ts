import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DocumentSchema, type ProjectDocument } from '#shared/domain/document.schema.ts';
import { dynamo } from './clients.ts';
import { queryAll } from './query-all.ts';
import type { TransactItem } from './transactions.ts';

const documentKey = (projectId: string, documentId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `DOC#${documentId}`,
});

/** Documents live in their project's partition; their keys in S3 are `projects/{projectId}/{kind}/{documentId}`. */
export const documentRepository = (tableName: string) => ({
  async get(projectId: string, documentId: string): Promise<ProjectDocument | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName, Key: documentKey(projectId, documentId), ConsistentRead: true }),
    );
    return Item ? DocumentSchema.parse(Item) : undefined;
  },

  list(projectId: string): Promise<ProjectDocument[]> {
    return queryAll(
      {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :doc)',
        ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':doc': 'DOC#' },
        ConsistentRead: true,
      },
      DocumentSchema,
    );
  },

  /** A new pending document; written with the project's audit event. */
  put(document: ProjectDocument): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...documentKey(document.projectId, document.id), type: 'document', ...document },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  },

  /** Settles a pending document exactly once: a verified or rejected one never changes again. */
  settle(document: ProjectDocument): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...documentKey(document.projectId, document.id), type: 'document', ...document },
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    };
  },
});
export type DocumentRepository = ReturnType<typeof documentRepository>;
