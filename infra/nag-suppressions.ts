import type { Stack } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

/** Every cdk-nag finding we accept, each with the reason it is acceptable here. */
export const suppressWithReasons = (stack: Stack): void => {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM4',
      reason:
        "AWSLambdaBasicExecutionRole is the managed policy for writing a function's own logs; it grants nothing else.",
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "Wildcards are the ones CDK grants generate: object keys under the documents bucket (projects/{id}/…), the table's own indexes (index/*), X-Ray segments, and the bucket-notification helper. Each is scoped to one resource ARN.",
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'Functions run nodejs22.x, pinned by the house function; CDK-internal helper functions are outside our control.',
    },
  ]);
};
