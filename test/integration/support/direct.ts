import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { runtime } from './client.ts';

/**
 * The use cases' own dependencies, pointed at the runtime's DynamoDB Local: for tests that
 * drive a use case directly (a sweep killed half-way) or seed what a later issue's rule will
 * write (a funding-cut duty).
 */
export const directDeps = async () => {
  const { dynamodb, tableName, bucketName } = runtime();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  const { allDeps } = await import('../../support/all-deps.ts');
  return allDeps({ TABLE_NAME: tableName, BUCKET_NAME: bucketName });
};
