import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { dossierBuilderEnvSchema } from '#shared/config/env.ts';
import { dossierWorkflowDefinition } from '../workflows/dossier-workflow.asl.ts';
import { HouseFunction } from './house-function.ts';
import { partitionFeatures } from './partition.ts';

// cdk-nag is CommonJS with re-exports Node cannot see statically.
const { NagSuppressions } = cdkNag;

export interface DossiersProps {
  readonly environment: { TABLE_NAME: string; BUCKET_NAME: string };
}

/**
 * What a key's administrators may do: everything but use it to sign. The account keeps the key
 * manageable (describe, tag, disable, schedule deletion) and can read its public half; signing is
 * the builder's alone. An asymmetric KMS key's private half never leaves KMS: there is no
 * export operation to deny.
 */
const ADMINISTRATION = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:Verify',
];

/**
 * The audit dossier (ART33): a state machine of one task, the builder, which streams a project's
 * documents and record into one signed ZIP under `dossiers/` of the documents bucket (kept as
 * long as the documents, under the same retention); the signing keys in KMS, an ECC_NIST_P256
 * key for the ES256 JWS everywhere and an SM2 key where the partition offers one (GB/T 32918,
 * the commercial-cryptography assessment of Chinese government systems). A standard workflow:
 * the build outlives any API request, and the local runtime runs standard workflows.
 */
export class Dossiers extends Construct {
  readonly builder: HouseFunction<typeof dossierBuilderEnvSchema>;
  readonly machine: StateMachine;
  readonly signingKey: Key;
  readonly sm2Key: Key | undefined;
  /**
   * Keys a rotation retired (context `retiredDossierKeys`: their ARNs, a list or comma-separated).
   * A rotation gives the key construct a new id, so CloudFormation makes a new key and retains the
   * old one (RETAIN); listing the old key's ARN here keeps it in GET /v1/dossier-keys, so that the
   * dossiers it signed stay verifiable. Nothing signs with it any more.
   */
  readonly retiredKeyArns: readonly string[];

  constructor(scope: Construct, id: string, props: DossiersProps) {
    super(scope, id);
    // Locally both keys exist, so both signatures are tested (the local runtime sets the context).
    const asked = this.node.tryGetContext('sm2Signing');
    const sm2 = asked === undefined ? partitionFeatures(this).sm2Signing : asked === true || asked === 'true';
    const retired: unknown = this.node.tryGetContext('retiredDossierKeys') ?? [];
    this.retiredKeyArns = (typeof retired === 'string' ? retired.split(',') : (retired as string[]))
      .map((arn) => arn.trim())
      .filter((arn) => arn !== '');
    const key = (name: string, keySpec: KeySpec, description: string) =>
      new Key(this, name, {
        keySpec,
        keyUsage: KeyUsage.SIGN_VERIFY,
        description,
        // The key signs dossiers that courts may read for years: it outlives the stack.
        removalPolicy: RemovalPolicy.RETAIN,
        policy: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ADMINISTRATION,
              principals: [new AccountRootPrincipal()],
              resources: ['*'],
            }),
          ],
        }),
      });
    this.signingKey = key('SigningKey', KeySpec.ECC_NIST_P256, 'Signs audit dossiers (ES256, ART33)');
    this.sm2Key = sm2
      ? key('Sm2SigningKey', KeySpec.SM2, 'Signs audit dossiers (SM2DSA over SM3, GB/T 32918, ART33)')
      : undefined;

    this.builder = new HouseFunction(this, 'Builder', {
      entry: 'functions/workflow/build-dossier.handler.ts',
      description: "Builds a project's audit dossier: documents and record streamed into one signed ZIP",
      envSchema: dossierBuilderEnvSchema,
      environment: {
        ...props.environment,
        DOSSIER_KEY_ID: this.signingKey.keyId,
        ...(this.sm2Key ? { DOSSIER_SM2_KEY_ID: this.sm2Key.keyId } : {}),
      },
      // The archive streams through (a few 8 MiB parts in memory): 512 MB builds a 2 GB dossier.
      memorySize: 512,
      timeout: Duration.minutes(15),
      adapters: TRIGGER_ADAPTERS.dossierBuilder,
    });
    const builderRole = this.builder.role;
    if (!builderRole) throw new Error('the dossier builder has no role');
    for (const signing of [this.signingKey, this.sm2Key]) {
      if (!signing) continue;
      signing.addToResourcePolicy(
        new PolicyStatement({
          sid: 'OnlyTheBuilderSigns',
          actions: ['kms:Sign'],
          principals: [builderRole],
          resources: ['*'],
        }),
      );
      signing.addToResourcePolicy(
        new PolicyStatement({
          sid: 'NobodyElseSigns',
          effect: Effect.DENY,
          actions: ['kms:Sign'],
          principals: [new AnyPrincipal()],
          resources: ['*'],
          conditions: { ArnNotEquals: { 'aws:PrincipalArn': builderRole.roleArn } },
        }),
      );
    }

    const logs = new LogGroup(this, 'BuildLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.machine = new StateMachine(this, 'Build', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(JSON.stringify(dossierWorkflowDefinition())),
      definitionSubstitutions: { BuilderArn: this.builder.functionArn },
      tracingEnabled: true,
      // Execution data stays out of the logs: it names projects; the audit trail has the export.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    this.builder.grantInvoke(this.machine);
    NagSuppressions.addResourceSuppressions(
      this.machine,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "The state machine's log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions take no resource ARN; <builder>:* is the builder's own versions, from grantInvoke.",
          appliesTo: ['Resource::*', { regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/g' }],
        },
      ],
      true,
    );
  }

  /** The keys whose public halves GET /v1/dossier-keys serves, and the builder signs with. */
  get keys(): Key[] {
    return [this.signingKey, ...(this.sm2Key ? [this.sm2Key] : [])];
  }
}
