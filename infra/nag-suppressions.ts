import type { Stack } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

/** The managed policy every Lambda role gets for writing its own logs, as cdk-nag names it. */
export const BASIC_EXECUTION_ROLE =
  'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/**
 * The findings on the helpers aws-cdk-lib adds as stack-level singletons (the bucket
 * deployment that uploads the console, the bucket-notification handler that wires document
 * arrivals), each scoped to that helper and the finding's exact subject. Our own resources
 * carry theirs where they are made: the house function, the grants, the workflows, the edge.
 */
export const suppressCdkHelperFindings = (stack: Stack): void => {
  const helper = (prefix: string) => stack.node.children.filter((child) => child.node.id.startsWith(prefix));
  for (const deployment of helper('Custom::CDKBucketDeployment')) {
    NagSuppressions.addResourceSuppressions(
      deployment,
      [
        {
          id: 'AwsSolutions-IAM4',
          reason: "The deployment helper's logs, through the basic execution role.",
          appliesTo: [BASIC_EXECUTION_ROLE],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "BucketDeployment's own grants: it reads the CDK asset bucket and replaces every object of the console's site bucket (object wildcards, s3:GetObject*/List*/DeleteObject*/Abort*), and invalidates the distribution (cloudfront:CreateInvalidation/GetInvalidation take no resource ARN).",
          appliesTo: [
            'Action::s3:GetObject*',
            'Action::s3:GetBucket*',
            'Action::s3:List*',
            'Action::s3:DeleteObject*',
            'Action::s3:Abort*',
            'Resource::*',
            {
              regex:
                '/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-<AWS::Region>\\/\\*$/g',
            },
            { regex: '/^Resource::<ConsoleSite[A-Z0-9]+\\.Arn>\\/\\*$/g' },
          ],
        },
        {
          id: 'AwsSolutions-L1',
          reason: "BucketDeployment's handler runtime is chosen by aws-cdk-lib, not by this stack.",
        },
      ],
      true,
    );
  }
  for (const notifications of helper('BucketNotificationsHandler')) {
    NagSuppressions.addResourceSuppressions(
      notifications,
      [
        {
          id: 'AwsSolutions-IAM4',
          reason: "The notification helper's logs, through the basic execution role.",
          appliesTo: [BASIC_EXECUTION_ROLE],
        },
      ],
      true,
    );
  }
};
