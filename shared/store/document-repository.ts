import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DocumentSchema, type ProjectDocument } from '#shared/domain/document.schema.ts';
import { type StoredProject, StoredProjectSchema } from '#shared/domain/project.schema.ts';
import type { DocumentStore } from '#shared/use-cases/ports.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';
import { type Page, queryAll, queryPage } from './paged-query.ts';
import { lostRace, type TransactItem, TransactionRefused, transact } from './transactions.ts';

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

  /**
   * Records a new pending document, with what is written beside it (an idempotency record), and
   * not with a change of its project: declarations come in bursts (forty uploads at once) and
   * must not race each other for the project's version. Its audit event is written when its bytes
   * are verified or rejected. A refusal (the same idempotency key won meanwhile) is a lost race.
   */
  async declare(document: ProjectDocument, also: readonly TransactItem[] = []): Promise<void> {
    try {
      await transact([this.put(document), ...also]);
    } catch (error) {
      if (error instanceof TransactionRefused) throw lostRace('The document request');
      throw error;
    }
  },

  /** A new pending document, as a transaction item. */
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
// The store is what its port asks for (the compiler holds the two together).
documentRepository satisfies (tableName: string) => DocumentStore;

/** The `documents` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const documents = (env: { readonly TABLE_NAME: string }) => documentRepository(env.TABLE_NAME);
