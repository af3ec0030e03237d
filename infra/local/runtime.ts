import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ClaimNames, ClaimNamesSchema } from '#shared/http/claims.schema.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { consoleSite } from './console-site.ts';
import { ensureTables, startDynamoDbLocal } from './dynamodb-local.ts';
import { startGateway } from './gateway.ts';
import { API_AUDIENCE, CONSOLE_CLIENT_ID, createIdentityProvider, IDENTITY_MOUNT } from './identity-provider.ts';
import { jwksVerifier, readProviderSettings } from './issuer.ts';
import { retiredLocalKeyIds, startKmsLocal } from './kms-local.ts';
import { LambdaHost } from './lambda-host.ts';
import { readLocalModel } from './local-model.ts';
import { freePort, portIsFree } from './ports.ts';
import { startS3Local } from './s3-local.ts';
import { startSchedules } from './schedules.ts';
import { type LocalNotice, startSnsLocal } from './sns-local.ts';
import { StepFunctionsLocal, startStepFunctionsEndpoint } from './stepfunctions-local.ts';
import { type CfnTemplate, localTemplate } from './template.ts';

export interface LocalRuntimeOptions {
  /** Where state lives across restarts (`.local/` for `npm start`). */
  readonly dataDir: string;
  /** Gateway port; 0 picks a free one. */
  readonly port: number;
  readonly portalOrigin?: string;
  /** Run the template's schedules on their clock (off in tests, which run sweeps on demand). */
  readonly schedules?: boolean;
  /** CDK context for the synthesis, e.g. a shortened `reviewTimeoutSeconds`. */
  readonly context?: Record<string, unknown>;
  /** A template synthesized before, instead of the kept or fresh synthesis of the sources (`localTemplate`). */
  readonly template?: CfnTemplate;
  /**
   * A DynamoDB Local that outlives this runtime (as DynamoDB outlives a Lambda crash): the restart
   * test kills the runtime alone. Without one the runtime starts its own under the data directory.
   */
  readonly dynamodbEndpoint?: string;
  /**
   * Run as a county whose identity provider names its claims its own way (`dept_code`, `groups`, a
   * `lingchuan-` role prefix): the local provider emits them so, and the stack's claim parameters
   * map them back, as a deployment would be configured.
   */
  readonly claims?: Partial<ClaimNames>;
}

export interface LocalRuntime {
  readonly url: string;
  readonly dataDir: string;
  readonly endpoints: { dynamodb: string; s3: string; sfn: string };
  readonly stepFunctions: StepFunctionsLocal;
  readonly tableName: string;
  readonly bucketName: string;
  readonly host: LambdaHost;
  /** What the template's topics were sent (escalation notices), oldest first. */
  notices(): LocalNotice[];
  /** Waits until every S3 event delivered so far has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** The region the local runtime claims (an AWS China one, to keep us honest about partitions). */
const REGION = 'cn-north-1';
/** s3rver knows exactly one key pair; DynamoDB Local and our endpoint accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * The issuer is a URL on the gateway's own origin, so the port is chosen before anything starts.
 * Asked for any port, a data directory started before gets its previous one back when it is free:
 * its issuer then stays what it was, and tokens issued before a restart still verify after it, as
 * a county's provider does not change its issuer when a server restarts.
 */
const portForIssuer = async (dataDir: string): Promise<number> => {
  try {
    const previous = Number(new URL(readProviderSettings(dataDir).issuer).port);
    if (previous > 0 && (await portIsFree(previous))) return previous;
  } catch {
    // never started here, or its settings unreadable: any free port
  }
  return freePort();
};

/**
 * The whole system on one machine, built from the synthesized template: DynamoDB Local,
 * s3rver, the Step Functions endpoint, the SNS topics, the functions in-process, the gateway,
 * the schedules.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port || (await portForIssuer(dataDir));
  const claimNames = ClaimNamesSchema.parse(options.claims ?? {});
  const identity = await createIdentityProvider({ dataDir, origin: `http://127.0.0.1:${port}`, claimNames });
  // Locally both dossier keys exist (ES256 and SM2), so both signatures are tested here; keys a
  // rotation moved under kms/retired/ are listed as a stack lists its previous keys' ARNs.
  const retired = retiredLocalKeyIds(dataDir);
  const context = {
    sm2Signing: true,
    ...(retired.length > 0 ? { retiredDossierKeys: retired } : {}),
    ...options.context,
  };
  const model = readLocalModel(options.template ?? (await localTemplate(context)), {
    region: REGION,
    parameters: {
      JwtIssuer: identity.settings.issuer,
      JwtAudience: API_AUDIENCE,
      ConsoleClientId: CONSOLE_CLIENT_ID,
      PortalOrigin: options.portalOrigin ?? 'http://localhost:5173',
      ConsoleDomain: 'localhost',
      ConsoleCertificate: 'local',
      ClaimDept: claimNames.dept,
      ClaimRoles: claimNames.roles,
      ClaimName: claimNames.name,
      ClaimRolePrefix: claimNames.rolePrefix,
    },
  });

  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
  });
  const stops: (() => Promise<void> | void)[] = [];
  /** Stops everything, last started first; one part failing to stop never leaves DynamoDB Local running. */
  const stop = async () => {
    for (const fn of stops.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('[local] stopping a part failed:', error);
      }
    }
  };
  try {
    const dynamodb = options.dynamodbEndpoint
      ? { endpoint: options.dynamodbEndpoint }
      : await startDynamoDbLocal(dataDir, { region: REGION });
    if ('stop' in dynamodb) stops.push(() => dynamodb.stop());
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;
    const admin = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION });
    await ensureTables(admin, model.tables);
    admin.destroy();

    const host = new LambdaHost(model.functions, REGION);
    const s3 = await startS3Local(dataDir, model.buckets, model.notifications, host);
    stops.push(() => s3.stop());
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;

    const sns = await startSnsLocal(dataDir, model.topics, await freePort());
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          sns.server.close(() => resolve());
          sns.server.closeAllConnections();
        }),
    );
    process.env.AWS_ENDPOINT_URL_SNS = sns.endpoint;

    const kms = await startKmsLocal(dataDir, model.keys, await freePort());
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          kms.server.close(() => resolve());
          kms.server.closeAllConnections();
        }),
    );
    process.env.AWS_ENDPOINT_URL_KMS = kms.endpoint;

    const stepFunctions = new StepFunctionsLocal(model.stateMachines, host, dataDir);
    const sfnEndpoint = await startStepFunctionsEndpoint(stepFunctions, await freePort());
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          sfnEndpoint.server.close(() => resolve());
          sfnEndpoint.server.closeAllConnections();
        }),
    );
    stops.push(() => stepFunctions.close());
    process.env.AWS_ENDPOINT_URL_SFN = sfnEndpoint.endpoint;
    const resumed = await stepFunctions.resume();
    if (resumed > 0) console.log(`[sfn] resumed ${resumed} unfinished execution(s)`);

    if (!model.jwt) throw new Error('The template has no JWT authorizer; the gateway would let anyone in.');
    const verify = jwksVerifier(model.jwt.issuer, model.jwt.audience);
    const consoleFiles = consoleSite({
      dir: path.join(PROJECT_ROOT, 'console', 'dist'),
      s3Endpoint: s3.endpoint,
      signIn: { issuer: identity.settings.issuer, clientId: CONSOLE_CLIENT_ID, claims: claimNames },
    });
    const gateway = await startGateway({
      port,
      routes: model.routes,
      verify,
      host,
      site: (req, res, pathname) =>
        pathname === IDENTITY_MOUNT || pathname.startsWith(`${IDENTITY_MOUNT}/`)
          ? identity.handle(req, res, pathname)
          : consoleFiles(req, res, pathname),
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          gateway.server.close(() => resolve());
          gateway.server.closeAllConnections();
        }),
    );

    if (options.schedules ?? true) {
      const schedules = startSchedules(model.schedules, host);
      stops.push(() => schedules.stop());
    }

    const tableName = model.tables[0]?.name ?? '';
    const bucketName = String(model.functions.values().next().value?.environment.BUCKET_NAME ?? '');
    return {
      url: gateway.url,
      dataDir,
      endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, sfn: sfnEndpoint.endpoint },
      stepFunctions,
      tableName,
      bucketName,
      host,
      settled: () => s3.settled(),
      notices: () => sns.published(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
