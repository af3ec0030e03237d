import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { workflowEnvSchema } from '#shared/config/env.ts';
import { approvalDefinition } from '../workflows/approval.asl.ts';
import { HouseFunction } from './house-function.ts';

export interface WorkflowsProps {
  readonly environment: Omit<z.input<typeof workflowEnvSchema>, 'ESCALATION_TOPIC_ARN'>;
  /** How long a review waits before it escalates (policy). */
  readonly reviewTimeoutSeconds: number;
}

/**
 * Step Functions standard workflows, one execution per review phase of a project (a project
 * lives for years; an execution at most one). The approval phase is here; acceptance, change and
 * decommissioning arrive as siblings.
 */
export class Workflows extends Construct {
  readonly approval: StateMachine;
  readonly approvalStep: HouseFunction<typeof workflowEnvSchema>;
  /** Overdue reviews are announced here; the bureaus' heads subscribe (e-mail, SMS, an endpoint). */
  readonly escalations: Topic;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    this.escalations = new Topic(this, 'ReviewEscalations', {
      displayName: 'Lingchuan data projects: overdue reviews',
      enforceSSL: true,
      // Encrypted at rest with the account's SNS key: the notices name projects and bureaus.
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    this.approvalStep = new HouseFunction(this, 'ApprovalStep', {
      entry: 'functions/workflow/approval-step.handler.ts',
      description: 'Task steps of the approval workflow',
      envSchema: workflowEnvSchema,
      environment: { ...props.environment, ESCALATION_TOPIC_ARN: this.escalations.topicArn },
    });
    this.escalations.grantPublish(this.approvalStep);
    const logs = new LogGroup(this, 'ApprovalLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.approval = new StateMachine(this, 'Approval', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(
        JSON.stringify(approvalDefinition({ reviewTimeoutSeconds: props.reviewTimeoutSeconds })),
      ),
      definitionSubstitutions: { ApprovalStepArn: this.approvalStep.functionArn, Partition: Aws.PARTITION },
      tracingEnabled: true,
      // Execution data stays out of the logs: it names projects and people; the audit trail has it.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    this.approvalStep.grantInvoke(this.approval);
  }
}
