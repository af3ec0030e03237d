import { Duration } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { sweepEnvSchema } from '#shared/config/env.ts';
import { HouseFunction } from './house-function.ts';

export interface SweepProps {
  readonly environment: z.input<typeof sweepEnvSchema>;
}

/**
 * The nightly compliance sweep: EventBridge Scheduler at 02:00 Asia/Shanghai (China keeps one
 * offset all year, so the sweep runs at the same wall-clock hour every night), retried by the
 * scheduler, safe to re-run because every finding is written once under a condition.
 */
export class Sweep extends Construct {
  readonly fn: HouseFunction<typeof sweepEnvSchema>;
  /** EventBridge Scheduler's role for the county's scheduled jobs: the sweep, and the reminders beside it. */
  readonly scheduler: Role;

  constructor(scope: Construct, id: string, props: SweepProps) {
    super(scope, id);
    this.fn = new HouseFunction(this, 'NightlySweep', {
      entry: 'functions/sweep/nightly-sweep.handler.ts',
      description: 'Nightly compliance sweep: late obligations become findings and funding holds',
      envSchema: sweepEnvSchema,
      environment: props.environment,
      timeout: Duration.minutes(15),
      memorySize: 1024,
      adapters: TRIGGER_ADAPTERS.nightlySweep,
    });
    const invoker = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.scheduler = invoker;
    invoker.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.fn.functionArn],
      }),
    );
    new CfnSchedule(this, 'Nightly', {
      description: 'Compliance sweep, daily 02:00 Asia/Shanghai',
      scheduleExpression: 'cron(0 2 * * ? *)',
      scheduleExpressionTimezone: 'Asia/Shanghai',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.fn.functionArn,
        roleArn: invoker.roleArn,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 6 * 3600 },
      },
    });
  }
}
