import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { logger } from '#shared/observability/logger.ts';
import { failureLog, requestContext } from '#shared/observability/request-context.ts';
import { inspector } from '#shared/store/document-inspector.ts';
import { documents } from '#shared/store/document-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { documentEventDeps } from '#shared/use-cases/deps.ts';
import { verifyArrival } from '#shared/use-cases/documents/verify-arrival.ts';

const dependencies = documentEventDeps(TRIGGER_ADAPTERS.documentArrived, { documents, inspector, projects });

/** S3 ObjectCreated under `projects/` (an S3 notification in AWS, s3rver's event locally). */
export const handler = middy<S3Event, void>()
  .use(requestContext())
  .use(failureLog())
  .handler(async (event) => {
    const deps = dependencies();
    for (const record of event.Records) {
      // S3 event keys are URL-encoded with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const outcome = await verifyArrival({ key, versionId: record.s3.object.versionId }, deps);
      logger.info('object verified on arrival', { key, outcome });
    }
  });
