import { Duration } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { reminderEnvSchema } from '#shared/config/env.ts';
import { HouseFunction } from './house-function.ts';

export interface RemindersProps {
  readonly environment: z.input<typeof reminderEnvSchema>;
  /** The scheduler's role the sweep made: one role invokes the county's scheduled jobs (two resources fewer of 500). */
  readonly scheduler: Role;
}

/** Every day at 08:00 in Lingchuan: the function, not the schedule, knows which days are working days. */
export const REMINDER_SCHEDULE = { expression: 'cron(0 8 * * ? *)', timezone: 'Asia/Shanghai' } as const;

/**
 * The morning's reminders (API.md § Reminders before a duty falls due): EventBridge Scheduler at
 * 08:00 Asia/Shanghai, every day rather than Monday to Friday, because the county calendar moves
 * working days onto weekends (调休上班日) and its holidays onto weekdays: the function reads the
 * calendar and sends nothing on a day off. Retried by the scheduler, safe to re-run because each
 * announcement is written once under a condition. EventBridge Scheduler is offered in the China
 * Regions too (its API reference on docs.amazonaws.cn), so no partition row is needed, as for the
 * sweep's schedule.
 */
export class Reminders extends Construct {
  readonly fn: HouseFunction<typeof reminderEnvSchema>;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.fn = new HouseFunction(this, 'MorningReminders', {
      entry: 'functions/reminders/morning-reminders.handler.ts',
      description:
        'Working-morning reminders: duties and reviews falling due or late, one digest per department or role',
      envSchema: reminderEnvSchema,
      environment: props.environment,
      timeout: Duration.minutes(5),
      memorySize: 512,
      adapters: TRIGGER_ADAPTERS.morningReminders,
    });
    const invoker = props.scheduler;
    invoker.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.fn.functionArn],
      }),
    );
    new CfnSchedule(this, 'Morning', {
      description: 'Reminders before duties fall due, 08:00 Asia/Shanghai (the function skips days off)',
      scheduleExpression: REMINDER_SCHEDULE.expression,
      scheduleExpressionTimezone: REMINDER_SCHEDULE.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.fn.functionArn,
        roleArn: invoker.roleArn,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 2 * 3600 },
      },
    });
  }
}
