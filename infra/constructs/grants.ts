import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import cdkNag from 'cdk-nag';
import { type Adapters, isTableAdapter } from '#shared/use-cases/adapters.ts';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

export interface Resources {
  readonly table: TableV2;
  readonly bucket: Bucket;
  readonly machines: readonly StateMachine[];
  readonly topic: Topic;
  readonly dossierMachine: StateMachine;
  readonly dossierKeys: readonly IKey[];
  /** Keys a rotation retired: their public halves are still published, and nothing signs with them. */
  readonly retiredDossierKeyArns: readonly string[];
}

/** Every action a function may be granted, by what it does; never a wildcard action. */
export const ACTIONS = {
  tableRead: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  tableWrite: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  presign: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion'],
  inspect: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'],
  quarantine: ['s3:PutObject'],
  start: ['states:StartExecution'],
  answer: ['states:SendTaskSuccess'],
  /** The sweep's repair of a stranded review: whether the round's execution exists, then start it or answer its step. */
  repair: ['states:StartExecution', 'states:SendTaskSuccess', 'states:DescribeExecution'],
  readDocuments: ['s3:GetObject', 's3:GetObjectVersion'],
  writeDossier: ['s3:PutObject', 's3:AbortMultipartUpload'],
  downloadDossier: ['s3:GetObject'],
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  publishKeys: ['kms:GetPublicKey'],
} as const;

/** Of `repair`, what applies to executions rather than to their state machines. */
const ON_EXECUTIONS: readonly string[] = ['states:DescribeExecution'];

/**
 * Grants a function exactly what the adapters it declares need (its route's `adapters`, or its
 * trigger's): the table read, or read and written (one table, so the strongest use decides);
 * documents' objects presigned under `projects/`, or inspected there and moved to `quarantine/`;
 * workflows started, or their waiting steps answered; the escalation topic published to. A
 * function that names no adapter gets nothing.
 */
export const grantAdapters = (fn: IFunction, adapters: Adapters, to: Resources): void => {
  const uses = Object.entries(adapters);
  const table = uses.filter(([name]) => isTableAdapter(name));
  if (table.length > 0) {
    const writes = table.some(([, level]) => level === 'write');
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...ACTIONS.tableRead, ...(writes ? ACTIONS.tableWrite : [])],
        resources: [to.table.tableArn, `${to.table.tableArn}/index/*`],
      }),
    );
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: "The table's own indexes (index/*): queries read the single table's GSIs and nothing else.",
          appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/g' }],
        },
      ],
      true,
    );
  }
  if (adapters.objects) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.presign], resources: [to.bucket.arnForObjects('projects/*')] }),
    );
  }
  if (adapters.inspector) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.inspect], resources: [to.bucket.arnForObjects('projects/*')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.quarantine], resources: [to.bucket.arnForObjects('quarantine/*')] }),
    );
  }
  if (adapters.objects || adapters.inspector) {
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Object keys the server chooses under one prefix of the documents bucket (projects/{projectId}/{kind}/{documentId}, and quarantine/ for the inspector): no wildcard action, no other bucket.',
          appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>\\/(projects|quarantine)\\/\\*$/g' }],
        },
      ],
      true,
    );
  }
  if (adapters.workflows) {
    const actions: readonly string[] = ACTIONS[adapters.workflows];
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: actions.filter((action) => !ON_EXECUTIONS.includes(action)),
        resources: to.machines.map((machine) => machine.stateMachineArn),
      }),
    );
    const onExecutions = actions.filter((action) => ON_EXECUTIONS.includes(action));
    if (onExecutions.length > 0) {
      for (const machine of to.machines) machine.grantExecution(fn, ...onExecutions);
      NagSuppressions.addResourceSuppressions(
        fn,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "The executions of the stack's own review state machines (execution:<machine>:*), whose names are the rounds': the sweep's repair looks up whether a round's execution exists.",
            appliesTo: [
              { regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\\*$/g' },
            ],
          },
        ],
        true,
      );
    }
  }
  if (adapters.notices || adapters.digests) to.topic.grantPublish(fn);
  if (adapters.dossierArchive === 'build') {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.readDocuments], resources: [to.bucket.arnForObjects('projects/*')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.writeDossier], resources: [to.bucket.arnForObjects('dossiers/*')] }),
    );
  }
  if (adapters.dossierArchive === 'download') {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...ACTIONS.downloadDossier],
        resources: [to.bucket.arnForObjects('dossiers/*')],
      }),
    );
  }
  if (adapters.dossierArchive) {
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Object keys the server chooses under one prefix of the documents bucket: the documents a dossier is built from (projects/), the archives (dossiers/{projectId}/{dossierId}.zip). No wildcard action, no other bucket.',
          appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>\\/(projects|dossiers)\\/\\*$/g' }],
        },
      ],
      true,
    );
  }
  if (adapters.dossierSigner) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...(adapters.dossierSigner === 'sign' ? ACTIONS.sign : ACTIONS.publishKeys)],
        resources: [
          ...to.dossierKeys.map((key) => key.keyArn),
          ...(adapters.dossierSigner === 'sign' ? [] : to.retiredDossierKeyArns),
        ],
      }),
    );
  }
  if (adapters.dossierBuilds) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...ACTIONS.start], resources: [to.dossierMachine.stateMachineArn] }),
    );
  }
};
