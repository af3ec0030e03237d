import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { workflowEnvSchema } from '#shared/config/env.ts';
import { WORKFLOW_KINDS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import { reviewWorkflowDefinition } from '../workflows/review-workflow.asl.ts';
import { HouseFunction } from './house-function.ts';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

export interface WorkflowsProps {
  readonly environment: Omit<z.input<typeof workflowEnvSchema>, 'ESCALATION_TOPIC_ARN'>;
  /** How long a review waits before it escalates (policy). */
  readonly reviewTimeoutSeconds: number;
}

const pascal = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

/**
 * Step Functions standard workflows, one state machine per workflow of the catalogue (approval,
 * which also re-approves changes; acceptance), one execution per round (a project lives for
 * years; an execution at most one). One step function serves them all: the payload names the
 * workflow and the round.
 */
export class Workflows extends Construct {
  readonly machines: Record<WorkflowKind, StateMachine>;
  readonly step: HouseFunction<typeof workflowEnvSchema>;
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
    this.step = new HouseFunction(this, 'ReviewStep', {
      entry: 'functions/workflow/review-step.handler.ts',
      description: 'Task steps of the review workflows (approval, acceptance)',
      envSchema: workflowEnvSchema,
      environment: { ...props.environment, ESCALATION_TOPIC_ARN: this.escalations.topicArn },
      adapters: TRIGGER_ADAPTERS.reviewStep,
    });
    // One role and one log group serve every review workflow: they run the same step with the same
    // rights, and each machine of its own would spend four of the stack's 500 resources (#19).
    const logs = new LogGroup(this, 'ReviewLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, 'ReviewRole', { assumedBy: new ServicePrincipal('states.amazonaws.com') });
    this.step.grantInvoke(role);
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "The state machines' log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray (xray:Put*, GetSampling*) actions take no resource ARN; <step>:* is the step function's own versions, from grantInvoke.",
          appliesTo: ['Resource::*', { regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/g' }],
        },
      ],
      true,
    );
    const machine = (workflow: WorkflowKind) => {
      const stateMachine = new StateMachine(this, pascal(workflow), {
        stateMachineType: StateMachineType.STANDARD,
        role,
        definitionBody: DefinitionBody.fromString(
          JSON.stringify(reviewWorkflowDefinition(workflow, { reviewTimeoutSeconds: props.reviewTimeoutSeconds })),
        ),
        definitionSubstitutions: { StepArn: this.step.functionArn, Partition: Aws.PARTITION },
        tracingEnabled: true,
        // Execution data stays out of the logs: it names projects and people; the audit trail has it.
        logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      });
      return stateMachine;
    };
    this.machines = Object.fromEntries(WORKFLOW_KINDS.map((kind) => [kind, machine(kind)])) as Record<
      WorkflowKind,
      StateMachine
    >;
  }
}
