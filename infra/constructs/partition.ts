import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { IConstruct } from 'constructs';

/**
 * Where the AWS partitions differ for this stack, one row each: a construct asks what its
 * partition offers, never which partition it is in. A county in China deploys to `aws-cn`
 * (cn-north-1, cn-northwest-1); each difference names where it was read (README § Deploying,
 * "In the AWS China Regions").
 */
export interface PartitionFeatures {
  /** Lambda's X-Ray integration ("not available in the China Regions", Lambda's China page). */
  readonly lambdaTracing: boolean;
  /**
   * CloudFront cache and origin-request policies; without them a behaviour states its legacy
   * forwarded values and TTLs ("The parameter CachePolicyId can't be set for this region",
   * aws-cdk#13584, #31033).
   */
  readonly cloudFrontPolicies: boolean;
  /**
   * Origin access control for the console bucket; without it an origin access identity
   * ("Unrecognized resource types: [AWS::CloudFront::OriginAccessControl]", 2024 reports).
   */
  readonly originAccessControl: boolean;
  /**
   * Where a CloudFront certificate lives: ACM (us-east-1) in the global partition, the IAM
   * server-certificate store in China (no ACM for CloudFront there).
   */
  readonly certificateStore: 'acm' | 'iam';
  /**
   * KMS SM2 keys (SIGN_VERIFY), which the audit dossier signs with beside ES256: "SM2 … is only
   * available in China Regions" (KMS key spec reference).
   */
  readonly sm2Signing: boolean;
}

export type Partition = 'aws' | 'aws-cn';

const FEATURES: Record<Partition, PartitionFeatures> = {
  aws: {
    lambdaTracing: true,
    cloudFrontPolicies: true,
    originAccessControl: true,
    certificateStore: 'acm',
    sm2Signing: false,
  },
  'aws-cn': {
    lambdaTracing: false,
    cloudFrontPolicies: false,
    originAccessControl: false,
    certificateStore: 'iam',
    sm2Signing: true,
  },
};

/**
 * The partition a stack is synthesized for: the `partition` context (`npx cdk deploy -c
 * partition=aws-cn`), else the partition of a region the stack names, else the global one. It
 * must be known at synthesis: a template that merely branched on `AWS::Partition` would still
 * name resource types China's CloudFormation refuses to parse.
 */
export const partitionOf = (scope: IConstruct): Partition => {
  const stack = Stack.of(scope);
  const asked = stack.node.tryGetContext('partition');
  if (asked !== undefined) {
    if (asked !== 'aws' && asked !== 'aws-cn') throw new Error(`context partition=${asked}: expected aws or aws-cn`);
    return asked;
  }
  if (!Token.isUnresolved(stack.region) && RegionInfo.get(stack.region).partition === 'aws-cn') return 'aws-cn';
  return 'aws';
};

export const partitionFeatures = (scope: IConstruct): PartitionFeatures => FEATURES[partitionOf(scope)];
