import { Aspects, Aws, CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import type { Construct } from 'constructs';
import { routes } from '#functions/api/routes.ts';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { documentEventsEnvSchema } from '#shared/config/env.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { Api } from './constructs/api.ts';
import { ConsoleHosting } from './constructs/console-hosting.ts';
import { Data } from './constructs/data.ts';
import { Documents } from './constructs/documents.ts';
import { Dossiers } from './constructs/dossiers.ts';
import { grantAdapters } from './constructs/grants.ts';
import { HouseFunction } from './constructs/house-function.ts';
import { Reminders } from './constructs/reminders.ts';
import { Sweep } from './constructs/sweep.ts';
import { TraceSampling } from './constructs/tracing.ts';
import { Workflows } from './constructs/workflows.ts';
import { suppressCdkHelperFindings } from './nag-suppressions.ts';

/**
 * The whole system as one stack, one construct per concern. Nothing names an account, a
 * region or a partition; where the AWS China Regions offer less (CloudFront's policies, Lambda
 * tracing), the constructs ask `partition.ts`, and `-c partition=aws-cn` synthesizes for them.
 * The identity provider, the portal origin and the console's domain are parameters: they are
 * the county's.
 */
export class LingchuanStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const jwtIssuer = new CfnParameter(this, 'JwtIssuer', {
      description: "The county identity provider's issuer URL (the `iss` of its tokens).",
    }).valueAsString;
    const jwtAudience = new CfnParameter(this, 'JwtAudience', {
      description: 'The audience (`aud`) the portal requests tokens for.',
    }).valueAsString;
    const consoleClientId = new CfnParameter(this, 'ConsoleClientId', {
      description: "The web console's OIDC client id at the county identity provider (authorization code + PKCE).",
    }).valueAsString;
    // A county's identity provider names things its own way: these map its claims onto ours
    // (README § Deploying). The defaults mean "as ours"; shared/http/actor.ts applies them.
    const claimName = (id: string, ours: string, what: string) =>
      new CfnParameter(this, id, {
        default: ours,
        allowedPattern: '^[A-Za-z_][A-Za-z0-9_.:/-]{0,127}$',
        description: `The identity provider's claim that carries ${what} (ours: \`${ours}\`).`,
      }).valueAsString;
    const claimEnvironment = {
      CLAIM_DEPT: claimName('ClaimDept', 'dept', "the person's department id"),
      CLAIM_ROLES: claimName('ClaimRoles', 'roles', "the person's roles, an array of strings"),
      CLAIM_NAME: claimName('ClaimName', 'name', "the person's display name"),
      CLAIM_ROLE_PREFIX: new CfnParameter(this, 'ClaimRolePrefix', {
        default: '',
        allowedPattern: '^[A-Za-z0-9_.:/-]{0,64}$',
        description:
          "The prefix marking the identity provider's groups that are roles here (e.g. lingchuan- for lingchuan-data-bureau); other groups are ignored. Empty: every item of the roles claim is a role.",
      }).valueAsString,
    };
    const portalOrigin = new CfnParameter(this, 'PortalOrigin', {
      description: 'The government portal origin allowed by CORS, e.g. https://zwfw.lingchuan.gov.cn',
    }).valueAsString;

    const consoleDomain = new CfnParameter(this, 'ConsoleDomain', {
      description:
        "The console's domain name, e.g. zwsj.lingchuan.gov.cn (in the AWS China Regions an ICP-filed domain: CloudFront's own *.cloudfront.cn name serves nothing there).",
      allowedPattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$',
    }).valueAsString;
    const consoleCertificate = new CfnParameter(this, 'ConsoleCertificate', {
      description:
        "The domain's certificate: an ACM certificate ARN from US East (N. Virginia), where CloudFront reads certificates (global partition), or an IAM server-certificate id (AWS China Regions, where CloudFront takes no ACM certificate).",
    }).valueAsString;
    const consoleOrigin = `https://${consoleDomain}`;

    const data = new Data(this, 'Data');
    const documents = new Documents(this, 'Documents', { portalOrigin });
    const shared = { TABLE_NAME: data.table.tableName, BUCKET_NAME: documents.bucket.bucketName };
    // The review timeout is a policy setting; a deployment (or the local runtime's tests) may shorten it.
    const reviewTimeoutSeconds = Number(
      this.node.tryGetContext('reviewTimeoutSeconds') ?? DEFAULT_POLICY.reviewTimeoutSeconds,
    );
    const workflows = new Workflows(this, 'Workflows', { environment: shared, reviewTimeoutSeconds });

    const arrivals = new HouseFunction(this, 'DocumentArrived', {
      entry: 'functions/events/document-arrived.handler.ts',
      description: 'Verifies every uploaded document on arrival: size, SHA-256, magic bytes',
      envSchema: documentEventsEnvSchema,
      environment: shared,
      memorySize: 512,
      adapters: TRIGGER_ADAPTERS.documentArrived,
    });
    documents.verifyArrivalsWith(arrivals);

    const sweep = new Sweep(this, 'Sweep', {
      environment: {
        ...shared,
        APPROVAL_STATE_MACHINE_ARN: workflows.machines.approval.stateMachineArn,
        ACCEPTANCE_STATE_MACHINE_ARN: workflows.machines.acceptance.stateMachineArn,
        EMERGENCY_STATE_MACHINE_ARN: workflows.machines.emergency.stateMachineArn,
        FILING_STATE_MACHINE_ARN: workflows.machines.filing.stateMachineArn,
        BUDGET_STATE_MACHINE_ARN: workflows.machines.budget.stateMachineArn,
      },
    });
    const dossiers = new Dossiers(this, 'Dossiers', { environment: shared });
    const reminders = new Reminders(this, 'Reminders', {
      scheduler: sweep.scheduler,
      environment: { ...shared, ESCALATION_TOPIC_ARN: workflows.escalations.topicArn },
    });

    const api = new Api(this, 'Api', {
      routes,
      jwtIssuer,
      jwtAudiences: [jwtAudience, consoleClientId],
      portalOrigin,
      environment: {
        ...shared,
        PORTAL_ORIGIN: portalOrigin,
        ...claimEnvironment,
        APPROVAL_STATE_MACHINE_ARN: workflows.machines.approval.stateMachineArn,
        ACCEPTANCE_STATE_MACHINE_ARN: workflows.machines.acceptance.stateMachineArn,
        EMERGENCY_STATE_MACHINE_ARN: workflows.machines.emergency.stateMachineArn,
        FILING_STATE_MACHINE_ARN: workflows.machines.filing.stateMachineArn,
        BUDGET_STATE_MACHINE_ARN: workflows.machines.budget.stateMachineArn,
        DOSSIER_STATE_MACHINE_ARN: dossiers.machine.stateMachineArn,
        DOSSIER_KEY_ID: dossiers.signingKey.keyId,
        ...(dossiers.sm2Key ? { DOSSIER_SM2_KEY_ID: dossiers.sm2Key.keyId } : {}),
        ESCALATION_TOPIC_ARN: workflows.escalations.topicArn,
        ...(dossiers.retiredKeyArns.length > 0 ? { DOSSIER_RETIRED_KEY_IDS: dossiers.retiredKeyArns.join(',') } : {}),
      },
    });
    // Least privilege: each function is granted exactly what the adapters it declares need.
    const resources = {
      table: data.table,
      bucket: documents.bucket,
      machines: Object.values(workflows.machines),
      topic: workflows.escalations,
      dossierMachine: dossiers.machine,
      dossierKeys: dossiers.keys,
      retiredDossierKeyArns: dossiers.retiredKeyArns,
    };
    for (const fn of [...api.functions, workflows.step, arrivals, sweep.fn, reminders.fn, dossiers.builder]) {
      grantAdapters(fn, fn.adapters, resources);
    }

    // What X-Ray records: the sampling rule, and how every function of ours is traced.
    new TraceSampling(this, 'Tracing', {
      functions: this.node.findAll().filter((c): c is HouseFunction<never> => c instanceof HouseFunction),
    });

    const web = new ConsoleHosting(this, 'Console', {
      apiEndpoint: api.httpApi.apiEndpoint,
      oidcIssuer: jwtIssuer,
      oidcClientId: consoleClientId,
      domainName: consoleDomain,
      certificate: consoleCertificate,
      // The regional S3 endpoint the presigned URLs name (bucket.s3.region.…): the bucket's own name
      // is not named, to keep the console's policy free of the documents bucket's lifecycle.
      documentsEndpoint: `https://*.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      claimNames: {
        dept: claimEnvironment.CLAIM_DEPT,
        roles: claimEnvironment.CLAIM_ROLES,
        name: claimEnvironment.CLAIM_NAME,
        rolePrefix: claimEnvironment.CLAIM_ROLE_PREFIX,
      },
    });
    documents.allowBrowserUploadsFrom(consoleOrigin);

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'ConsoleUrl', {
      value: consoleOrigin,
      description: 'The web console (and the API under /v1), once ConsoleDomain points at ConsoleTarget.',
    });
    new CfnOutput(this, 'ConsoleTarget', {
      value: web.distribution.distributionDomainName,
      description: 'Where the DNS record of ConsoleDomain points (CNAME).',
    });
    new CfnOutput(this, 'OidcRedirectUri', {
      value: `${consoleOrigin}/callback`,
      description: "The console's redirect URI to register with the county identity provider.",
    });
    new CfnOutput(this, 'EscalationTopicArn', {
      value: workflows.escalations.topicArn,
      description: 'Subscribe the heads of the reviewing bureaus here to hear of overdue reviews.',
    });
    Aspects.of(this).add(new cdkNag.AwsSolutionsChecks({ verbose: true }));
    suppressCdkHelperFindings(this);
  }
}
