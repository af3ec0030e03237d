import { CfnParameter, Names } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSamplingRule } from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import type { HouseFunction } from './house-function.ts';
import { partitionFeatures } from './partition.ts';

/**
 * What X-Ray records, and so what tracing costs (docs/cost.md: it was 57% of a county's month).
 *
 * Lambda does not apply X-Ray sampling rules: with active tracing and no tracing header it samples
 * on its own, one request a second and 5% beyond, which at a county's few requests a minute is
 * nearly every request (and the HTTP API sends no tracing header: it has no X-Ray integration).
 * So the functions pass tracing through by default: they record a trace, with every SDK call as a
 * subsegment (shared/observability/tracer.ts), when the service that called them sampled the
 * request. Step Functions does apply sampling rules: the rule below samples the review workflows'
 * executions, and their steps' functions are traced with them. A county that needs every API
 * request traced for a while sets `LambdaTracing` to `Active` (and pays the line docs/cost.md shows).
 */
export const TRACE_SAMPLING = {
  /** Executions a second always traced: none, a county's workflows start a few times a day. */
  reservoirSize: 0,
  /** Of the rest: one in twenty. */
  fixedRate: 0.05,
} as const;

export class TraceSampling extends Construct {
  readonly rule: CfnSamplingRule;

  constructor(scope: Construct, id: string, props: { readonly functions: readonly HouseFunction<never>[] }) {
    super(scope, id);
    // Where Lambda offers no X-Ray integration (the China Regions) only the workflows are sampled.
    if (partitionFeatures(this).lambdaTracing) this.traceFunctions(scope, props.functions);
    this.rule = new CfnSamplingRule(this, 'Workflows', {
      samplingRule: {
        // Unique in the account and region, as X-Ray requires, and within its 32 characters.
        ruleName: Names.uniqueResourceName(this, { maxLength: 32 }),
        priority: 100,
        version: 1,
        reservoirSize: TRACE_SAMPLING.reservoirSize,
        fixedRate: TRACE_SAMPLING.fixedRate,
        serviceType: 'AWS::StepFunctions::StateMachine',
        serviceName: '*',
        resourceArn: '*',
        host: '*',
        httpMethod: '*',
        urlPath: '*',
      },
    });
  }

  /** The functions' tracing mode, a stack parameter (PassThrough by default). */
  private traceFunctions(scope: Construct, functions: readonly HouseFunction<never>[]) {
    const mode = new CfnParameter(scope, 'LambdaTracing', {
      description:
        "PassThrough: functions are traced when their caller sampled the request (the review workflows, by the stack's sampling rule). Active: Lambda traces about every request itself (docs/cost.md).",
      allowedValues: ['PassThrough', 'Active'],
      default: 'PassThrough',
    }).valueAsString;
    for (const fn of functions) (fn.node.defaultChild as CfnFunction).tracingConfig = { mode };
  }
}
