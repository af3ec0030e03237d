import type { LocalKey } from './kms-local.ts';
import { type CfnTemplate, entryOf, localBucketName, resolver } from './template.ts';

export interface LocalTable {
  readonly name: string;
  readonly keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  readonly attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  readonly globalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }[];
}
export interface LocalFunction {
  readonly id: string;
  readonly entry: string;
  readonly environment: Record<string, string>;
}
export interface LocalRoute {
  readonly method: string;
  readonly path: string;
  readonly functionId: string;
  readonly jwt: boolean;
}
export interface LocalNotification {
  readonly bucket: string;
  readonly functionId: string;
  readonly prefix: string;
}
export interface LocalStateMachine {
  readonly id: string;
  readonly arn: string;
  readonly definition: string;
}
export interface LocalSchedule {
  readonly id: string;
  readonly expression: string;
  readonly timezone: string;
  readonly functionId: string;
  readonly input: string | undefined;
}
export interface LocalTopic {
  readonly id: string;
  readonly arn: string;
}
export interface LocalModel {
  readonly tables: LocalTable[];
  readonly buckets: string[];
  readonly functions: Map<string, LocalFunction>;
  readonly routes: LocalRoute[];
  readonly jwt: { issuer: string; audience: string[] } | undefined;
  readonly notifications: LocalNotification[];
  readonly stateMachines: LocalStateMachine[];
  readonly schedules: LocalSchedule[];
  readonly topics: LocalTopic[];
  /** KMS signing keys (the audit dossier's), served by infra/local/kms-local.ts. */
  readonly keys: LocalKey[];
}

/**
 * Resource types that are AWS's own business and have no local behaviour to emulate: IAM is
 * not enforced locally (every handler runs with the local emulators' open doors), logs go to
 * stdout, TLS-only bucket and topic policies guard a network the local runtime does not expose.
 */
const NOT_APPLICABLE_LOCALLY = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::Logs::LogGroup',
  'AWS::Lambda::Permission',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CDK::Metadata',
  // X-Ray's sampling rule: nothing is traced locally (Powertools turns its tracer off outside Lambda).
  'AWS::XRay::SamplingRule',
]);

/**
 * The web console's hosting: CloudFront serves the built console from a private bucket that CDK's
 * BucketDeployment (a Lambda with an AWS CLI layer) fills. Locally the gateway serves console/dist
 * itself at the same paths, with the same Content-Security-Policy and the same client-route
 * fallback (infra/local/console-site.ts), so there is nothing of these to start. The public
 * register's edge cache (a cache policy) has no local counterpart: the local gateway caches nothing,
 * and the route's own Cache-Control is what a test reads.
 */
const SERVED_BY_THE_LOCAL_GATEWAY = new Set([
  'AWS::CloudFront::Distribution',
  'AWS::CloudFront::Function',
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::CloudFront::OriginAccessControl',
  'Custom::CDKBucketDeployment',
  'AWS::Lambda::LayerVersion',
]);

const serviceTokenFunction = (resource: { Properties?: Record<string, unknown> }) =>
  (resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];

const functionIdFromArn = (arn: unknown): string => {
  const match = /:function:([^:/]+)/.exec(String(arn));
  if (!match?.[1]) throw new Error(`Not a function ARN: ${String(arn)}`);
  return match[1];
};

/**
 * Reads the synthesized template into what each local emulator needs. Any resource it does not
 * know is an error: the local runtime never silently runs less than what deploys.
 */
export const readLocalModel = (
  template: CfnTemplate,
  names: { parameters: Record<string, string>; region: string },
): LocalModel => {
  const resolve = resolver(template, names);
  const model: LocalModel = {
    tables: [],
    buckets: [],
    functions: new Map(),
    routes: [],
    jwt: undefined,
    notifications: [],
    stateMachines: [],
    schedules: [],
    topics: [],
    keys: [],
  };
  let jwt: LocalModel['jwt'];
  const integrations = new Map<string, string>();
  const notificationProviders = new Set<string>();
  /** The functions behind CDK's BucketDeployment: they copy the console into its bucket. */
  const consoleDeployers = new Set<string>();
  const unknown: string[] = [];

  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'Custom::S3BucketNotifications') {
      const token = (resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
        'Fn::GetAtt'
      ];
      if (token) notificationProviders.add(token[0]);
    }
    if (resource.Type === 'Custom::CDKBucketDeployment') {
      const provider = serviceTokenFunction(resource);
      if (provider) consoleDeployers.add(provider);
    }
    if (resource.Type === 'AWS::ApiGatewayV2::Integration') {
      integrations.set(id, functionIdFromArn(resolve(resource.Properties?.IntegrationUri)));
    }
  }

  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = (resource.Properties ?? {}) as Record<string, unknown>;
    switch (resource.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table': {
        const gsis = (props.GlobalSecondaryIndexes ?? []) as LocalTable['globalSecondaryIndexes'];
        model.tables.push({
          name: id,
          keySchema: props.KeySchema as LocalTable['keySchema'],
          attributeDefinitions: props.AttributeDefinitions as LocalTable['attributeDefinitions'],
          globalSecondaryIndexes: gsis.map(({ IndexName, KeySchema, Projection }) => ({
            IndexName,
            KeySchema,
            Projection,
          })),
        });
        break;
      }
      case 'AWS::S3::Bucket':
        model.buckets.push(localBucketName(id));
        break;
      case 'AWS::Lambda::Function': {
        const entry = entryOf(resource);
        if (entry) {
          const variables = ((props.Environment as { Variables?: unknown })?.Variables ?? {}) as Record<
            string,
            unknown
          >;
          const environment = resolve(variables) as Record<string, string>;
          model.functions.set(id, { id, entry, environment });
        } else if (!notificationProviders.has(id) && !consoleDeployers.has(id)) {
          unknown.push(`${id} (AWS::Lambda::Function without a ${'lingchuan:entry'} source)`);
        }
        break;
      }
      case 'Custom::S3BucketNotifications': {
        const bucket = String(resolve(props.BucketName));
        const config = props.NotificationConfiguration as {
          LambdaFunctionConfigurations?: {
            LambdaFunctionArn: unknown;
            Filter?: { Key?: { FilterRules?: { Name: string; Value: string }[] } };
          }[];
        };
        for (const target of config.LambdaFunctionConfigurations ?? []) {
          const prefix = target.Filter?.Key?.FilterRules?.find((rule) => rule.Name.toLowerCase() === 'prefix');
          model.notifications.push({
            bucket,
            functionId: functionIdFromArn(resolve(target.LambdaFunctionArn)),
            prefix: prefix?.Value ?? '',
          });
        }
        break;
      }
      case 'AWS::ApiGatewayV2::Api':
      case 'AWS::ApiGatewayV2::Integration':
        break;
      case 'AWS::ApiGatewayV2::Authorizer': {
        const config = resolve(props.JwtConfiguration) as { Issuer: string; Audience: string[] };
        jwt = { issuer: config.Issuer, audience: config.Audience };
        break;
      }
      case 'AWS::ApiGatewayV2::Route': {
        const [method, routePath] = String(props.RouteKey).split(' ') as [string, string];
        const target = String(resolve(props.Target)).replace(/^integrations\//, '');
        const functionId = integrations.get(target);
        if (!functionId) throw new Error(`Route ${String(props.RouteKey)} has no Lambda integration`);
        model.routes.push({ method, path: routePath, functionId, jwt: props.AuthorizationType === 'JWT' });
        break;
      }
      case 'AWS::StepFunctions::StateMachine': {
        const substitutions = resolve(props.DefinitionSubstitutions ?? {}) as Record<string, string>;
        const definition = String(resolve(props.DefinitionString)).replace(
          /\$\{([^}]+)\}/g,
          (whole, name: string) => substitutions[name] ?? whole,
        );
        model.stateMachines.push({ id, arn: String(resolve({ Ref: id })), definition });
        break;
      }
      case 'AWS::KMS::Key': {
        const keySpec = String(props.KeySpec);
        if (props.KeyUsage !== 'SIGN_VERIFY' || (keySpec !== 'ECC_NIST_P256' && keySpec !== 'SM2')) {
          unknown.push(`${id} (AWS::KMS::Key ${keySpec} ${String(props.KeyUsage)}: only signing keys are emulated)`);
        } else {
          model.keys.push({ id, keySpec });
        }
        break;
      }
      case 'AWS::SNS::Topic':
        model.topics.push({ id, arn: String(resolve({ Ref: id })) });
        break;
      case 'AWS::Scheduler::Schedule': {
        const target = props.Target as { Arn: unknown; Input?: unknown };
        model.schedules.push({
          id,
          expression: String(props.ScheduleExpression),
          timezone: String(props.ScheduleExpressionTimezone ?? 'UTC'),
          functionId: functionIdFromArn(resolve(target.Arn)),
          input: target.Input === undefined ? undefined : String(resolve(target.Input)),
        });
        break;
      }
      default:
        if (
          !NOT_APPLICABLE_LOCALLY.has(resource.Type) &&
          !SERVED_BY_THE_LOCAL_GATEWAY.has(resource.Type) &&
          !notificationProviders.has(id)
        ) {
          unknown.push(`${id} (${resource.Type})`);
        }
    }
  }

  if (unknown.length > 0) {
    throw new Error(
      `The local runtime cannot emulate these template resources:\n  ${unknown.join('\n  ')}\n` +
        'Teach infra/local/local-model.ts about them (or mark them not applicable locally, with the reason).',
    );
  }
  return { ...model, jwt };
};
