import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DocumentSchema, type ProjectDocument } from '#shared/domain/document.schema.ts';
import { type StoredProject, StoredProjectSchema } from '#shared/domain/project.schema.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { type Page, queryAll, queryPage } from './paged-query.ts';
import type { TransactItem } from './transactions.ts';

const documentKey = (projectId: string, documentId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `DOC#${documentId}`,
});

const documentsOf = (tableName: string, projectId: string) => ({
  TableName: tableName,
  KeyConditionExpression: 'PK = :pk AND begins_with(SK, :doc)',
  ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':doc': 'DOC#' },
  ConsistentRead: true,
});

/** Documents live in their project's partition; their keys in S3 are `projects/{projectId}/{kind}/{documentId}`. */
export const documentRepository = (tableName: string) => ({
  async get(projectId: string, documentId: string): Promise<ProjectDocument | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName, Key: documentKey(projectId, documentId), ConsistentRead: true }),
    );
    return Item ? DocumentSchema.parse(Item) : undefined;
  },

  /**
   * A document and its project, whose owner and co-builders decide who may see it, in one call
   * (both live in the project's partition). Strongly consistent, as each read alone.
   */
  async withProject(
    projectId: string,
    documentId: string,
  ): Promise<{ project: StoredProject | undefined; document: ProjectDocument | undefined }> {
    const projectKey = { PK: `PROJECT#${projectId}`, SK: 'META' };
    const items = await batchGet(tableName, [projectKey, documentKey(projectId, documentId)]);
    const project = items.find((item) => item.SK === projectKey.SK);
    const document = items.find((item) => item.SK !== projectKey.SK);
    return {
      project: project ? StoredProjectSchema.parse(project) : undefined,
      document: document ? DocumentSchema.parse(document) : undefined,
    };
  },

  /**
   * The named documents of a project, in one call (a route checks each document it names is
   * verified and of its kind). Strongly consistent: a document just verified counts.
   */
  async getMany(projectId: string, ids: readonly string[]): Promise<ProjectDocument[]> {
    const items = await batchGet(
      tableName,
      [...new Set(ids)].map((id) => documentKey(projectId, id)),
    );
    return items.map((item) => DocumentSchema.parse(item));
  },

  /** Every document of a project (the declaration rules count them all). */
  list(projectId: string): Promise<ProjectDocument[]> {
    return queryAll(documentsOf(tableName, projectId), DocumentSchema);
  },

  /** A page of a project's documents, for the API. */
  page(projectId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<ProjectDocument>> {
    return queryPage(documentsOf(tableName, projectId), DocumentSchema, page, {
      partition: { name: 'PK', value: `PROJECT#${projectId}` },
      keys: ['PK', 'SK'],
      prefix: { name: 'SK', value: 'DOC#' },
    });
  },

  /** A new pending document; written with the project's audit event. */
  put(document: ProjectDocument): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...documentKey(document.projectId, document.id), type: 'document', ...DocumentSchema.parse(document) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  },

  /** Settles a pending document exactly once: a verified or rejected one never changes again. */
  settle(document: ProjectDocument): TransactItem {
    return {
      Put: {
        TableName: tableName,
        Item: { ...documentKey(document.projectId, document.id), type: 'document', ...DocumentSchema.parse(document) },
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    };
  },
});
export type DocumentRepository = ReturnType<typeof documentRepository>;

/** The `documents` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const documents = (env: { readonly TABLE_NAME: string }) => documentRepository(env.TABLE_NAME);
