import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '#shared/observability/tracer.ts';

/**
 * The DynamoDB client, created once per cold start and only when first asked for. The endpoint
 * comes from the SDK's own configuration (AWS_ENDPOINT_URL_DYNAMODB), which is how the local
 * runtime points it at DynamoDB Local. S3 and Step Functions clients live in their own modules
 * so that a function importing neither pays nothing for them at cold start; each is traced where it
 * is created (shared/observability/tracer.ts).
 */
let documentClient: DynamoDBDocumentClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  documentClient ??= DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
};
