import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, type CfnFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import cdkNag from 'cdk-nag';
import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { EnvSchema } from '#shared/config/env.ts';
import type { Adapters } from '#shared/use-cases/adapters.ts';
import { BASIC_EXECUTION_ROLE } from '../nag-suppressions.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { partitionFeatures } from './partition.ts';
import { ADAPTERS_METADATA, ENTRY_METADATA } from './template-metadata.ts';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

export { ADAPTERS_METADATA, ENTRY_METADATA, PROJECT_ROOT };

/**
 * How every function is bundled: one ESM file, minified, for the nodejs22.x runtime, with the SDK
 * clients it imports bundled in and tree-shaken (`bundleAwsSDK`) rather than loaded from the
 * runtime's copy: the runtime's SDK is whole packages read from disk module by module, slower to
 * init than the same function with it bundled (`npm run bench` prints both), and it would change
 * under the function whenever Lambda updates it. Source maps ship with the bundle so that stack
 * traces in the logs name our sources, but without `sourcesContent` (the sources are in the
 * repository): Node reads and parses the map at init when source maps are enabled, and this keeps
 * it a third of the size. The bench builds its floors and its SDK-external builds from these.
 */
export const HOUSE_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  bundleAwsSDK: true,
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const satisfies BundlingOptions;

/** What every function runs with: source-mapped stack traces (see HOUSE_BUNDLING). */
export const HOUSE_NODE_OPTIONS = '--enable-source-maps';

export interface HouseFunctionProps<S extends EnvSchema> {
  /** Source entry relative to the project root, e.g. `functions/api/meta/health.handler.ts`. */
  readonly entry: string;
  readonly description: string;
  /** The schema the function validates at cold start; `environment` is typed from it. */
  readonly envSchema: S;
  readonly environment: z.input<S>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** The adapters its handler uses and how (grants follow them: infra/constructs/grants.ts). */
  readonly adapters: Adapters;
  /** Where its logs go; by default a log group of its own (`houseLogGroup`). */
  readonly logGroup?: ILogGroup;
}

/** The house log group: a retention that outlives a budget year, kept when the stack goes. */
export const houseLogGroup = (scope: Construct, id: string) =>
  new LogGroup(scope, id, { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });

/**
 * The house Lambda: one set of defaults for every function so that none drifts.
 * nodejs22.x on arm64 (cheaper per ms, and what the benches measure against), ESM bundles with
 * the SDK in, minified by the local esbuild (synth needs no Docker and no network), JSON logs with a
 * retention that outlives a budget year, X-Ray tracing as the stack's sampling decides where the
 * partition offers it for Lambda (not in the China Regions, where Powertools' tracer is then off).
 */
export class HouseFunction<S extends EnvSchema> extends NodejsFunction {
  readonly adapters: Adapters;
  /** The options this function was bundled with, for the infra tests and the bench. */
  readonly bundling: BundlingOptions;

  constructor(scope: Construct, id: string, props: HouseFunctionProps<S>) {
    const parsed = props.envSchema.safeParse(props.environment);
    if (!parsed.success) throw new Error(`${id}: environment does not satisfy its schema: ${parsed.error.message}`);
    const logGroup = props.logGroup ?? houseLogGroup(scope, `${id}Logs`);
    const traced = partitionFeatures(scope).lambdaTracing;
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      // The mode is the stack's `LambdaTracing` parameter (constructs/tracing.ts); this grants the X-Ray writes.
      ...(traced ? { tracing: Tracing.PASS_THROUGH } : {}),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: HOUSE_NODE_OPTIONS,
        ...(traced ? {} : { POWERTOOLS_TRACE_ENABLED: 'false' }),
        ...(props.environment as Record<string, string>),
      },
      bundling: HOUSE_BUNDLING,
    });
    this.adapters = props.adapters;
    this.bundling = HOUSE_BUNDLING;
    (this.node.defaultChild as CfnFunction).addMetadata(ENTRY_METADATA, props.entry);
    (this.node.defaultChild as CfnFunction).addMetadata(ADAPTERS_METADATA, props.adapters);
    NagSuppressions.addResourceSuppressions(
      this,
      [
        {
          id: 'AwsSolutions-L1',
          reason:
            'nodejs22.x is pinned on purpose: it is the Node that every test and the local runtime run on (the `node` devDependency), so what is tested is what runs.',
        },
        {
          id: 'AwsSolutions-IAM4',
          reason: "The function's own logs, through the basic execution role; it grants nothing else.",
          appliesTo: [BASIC_EXECUTION_ROLE],
        },
        ...(traced
          ? [
              {
                id: 'AwsSolutions-IAM5',
                reason: "Tracing's xray:PutTraceSegments and xray:PutTelemetryRecords take no resource ARN.",
                appliesTo: ['Resource::*'],
              },
            ]
          : []),
      ],
      true,
    );
  }
}
