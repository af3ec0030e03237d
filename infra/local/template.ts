import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { ENTRY_METADATA } from '../constructs/house-function.ts';
import { LingchuanStack } from '../stack.ts';

export type CfnValue = unknown;
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, CfnValue>;
  readonly Metadata?: Record<string, CfnValue>;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, { readonly Default?: string }>;
}

/**
 * The template that `cdk deploy` would deploy, synthesized in-process with bundling skipped:
 * the local runtime starts exactly the resources it contains.
 */
export const synthesizeTemplate = (context: Record<string, unknown> = {}): CfnTemplate => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lingchuan-synth-'));
  try {
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const stack = new LingchuanStack(app, 'Lingchuan');
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

/** Local stand-ins for what CloudFormation would resolve at deploy time. */
export interface LocalNames {
  readonly parameters: Record<string, string>;
  readonly region: string;
}

export const LOCAL_ACCOUNT = '000000000000';

export const localBucketName = (logicalId: string) => `lingchuan-${logicalId.toLowerCase()}`;
export const localFunctionArn = (region: string, logicalId: string) =>
  `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${logicalId}`;
export const localStateMachineArn = (region: string, logicalId: string) =>
  `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;
export const localTopicArn = (region: string, logicalId: string) =>
  `arn:aws:sns:${region}:${LOCAL_ACCOUNT}:${logicalId}`;

/** Resolves the intrinsic functions our template uses (Ref, GetAtt, Join, Sub of pseudo parameters). */
export const resolver = (template: CfnTemplate, names: LocalNames) => {
  const ref = (id: string): string => {
    if (id === 'AWS::Region') return names.region;
    if (id === 'AWS::AccountId') return LOCAL_ACCOUNT;
    if (id === 'AWS::Partition') return 'aws';
    if (id === 'AWS::URLSuffix') return 'amazonaws.com';
    if (id === 'AWS::StackName') return 'Lingchuan';
    const parameter = names.parameters[id] ?? template.Parameters?.[id]?.Default;
    if (parameter !== undefined) return parameter;
    const resource = template.Resources[id];
    if (!resource) throw new Error(`Ref to unknown ${id}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return localBucketName(id);
      case 'AWS::StepFunctions::StateMachine':
        return localStateMachineArn(names.region, id);
      case 'AWS::SNS::Topic':
        return localTopicArn(names.region, id);
      default:
        return id;
    }
  };
  const getAtt = (id: string, attribute: string): string => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`GetAtt of unknown ${id}`);
    if (resource.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return localFunctionArn(names.region, id);
    if (resource.Type === 'AWS::S3::Bucket' && attribute === 'Arn') return `arn:aws:s3:::${localBucketName(id)}`;
    if (resource.Type === 'AWS::StepFunctions::StateMachine' && attribute === 'Arn')
      return localStateMachineArn(names.region, id);
    if (attribute === 'Arn') return `arn:aws:local:${names.region}:${LOCAL_ACCOUNT}:${id}`;
    return `${id}.${attribute}`;
  };
  const resolve = (value: CfnValue): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref') return ref(arg as string);
    if (entries.length === 1 && key === 'Fn::GetAtt') {
      const [id, attribute] = (typeof arg === 'string' ? arg.split('.') : arg) as [string, string];
      return getAtt(id, attribute);
    }
    if (entries.length === 1 && key === 'Fn::Join') {
      const [separator, parts] = arg as [string, CfnValue[]];
      return parts.map((part) => String(resolve(part))).join(separator);
    }
    if (entries.length === 1 && key === 'Fn::Sub' && typeof arg === 'string') {
      return arg.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        name.includes('.') ? getAtt(...(name.split('.') as [string, string])) : ref(name),
      );
    }
    if (entries.length === 1 && key?.startsWith('Fn::')) throw new Error(`Unsupported intrinsic ${key}`);
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
};

export const entryOf = (resource: CfnResource): string | undefined => {
  const entry = resource.Metadata?.[ENTRY_METADATA];
  return typeof entry === 'string' ? entry : undefined;
};
