import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DockerImage, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import { CONSOLE_CSP, SPA_ROUTES_FUNCTION } from './console-csp.ts';
import { PROJECT_ROOT } from './house-function.ts';

const { NagSuppressions } = cdkNag;

export interface ConsoleHostingProps {
  /** The HTTP API's endpoint (https://…execute-api…): CloudFront forwards /v1/* to it. */
  readonly apiEndpoint: string;
  /** The county identity provider (OIDC issuer) and the console's client id there. */
  readonly oidcIssuer: string;
  readonly oidcClientId: string;
  /** How the county's provider names `dept`, `roles` and `name`, and its role prefix (the stack's claim parameters). */
  readonly claimNames: { dept: string; roles: string; name: string; rolePrefix: string };
}

/**
 * The web console: a private bucket that only this distribution may read (origin access
 * control), the API behind the same distribution under /v1/* so the console and the API share
 * one origin (no CORS, one TLS name), and the built console with its runtime config (OIDC issuer
 * and client id) deployed into the bucket. Client routes (/projects/…) are rewritten to
 * index.html at the edge for the console only, so the API's own 403 and 404 pass through as
 * they are.
 */
export class ConsoleHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    // CloudFront's standard logs are written with ACLs, so this bucket (alone) keeps them enabled.
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const spaRoutes = new CloudFrontFunction(this, 'SpaRoutes', {
      comment: 'Client routes of the console answer with index.html',
      code: FunctionCode.fromInline(SPA_ROUTES_FUNCTION),
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONSOLE_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lingchuan web console and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // A county's officials work in China; the console is not for the rest of the world.
      geoRestriction: GeoRestriction.allowlist('CN'),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v1/*': {
          // The execute-api host of the endpoint URL.
          origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer is per caller (bearer token): nothing is cached at the edge.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });

    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution answers on its default *.cloudfront.net name, whose certificate CloudFront serves with a TLSv1 floor; giving it the county domain with an ACM certificate (README § Deploying) raises the floor to TLSv1.2_2021.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must be created in the US East (N. Virginia) region, outside this regional stack; the API behind /v1 verifies a JWT on every call and is throttled at its stage, and the county security team attaches its WAF ACL by ARN where it runs one.',
      },
    ]);

    new BucketDeployment(this, 'Deploy', {
      sources: [
        consoleBuild(),
        Source.jsonData('config.json', {
          mode: 'oidc',
          issuer: props.oidcIssuer,
          clientId: props.oidcClientId,
          scope: 'openid profile',
          claims: props.claimNames,
        }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Browsers revalidate (ETag); the asset names carry content hashes anyway.
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
    });
  }

  /** The console's origin, which the documents bucket's CORS must admit for presigned uploads. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/**
 * The console built by Vite on the machine that synthesizes (no Docker: the local bundler runs
 * first, and the Docker image named is never pulled). Skipped when bundling is (the local
 * runtime, the template tests), as the functions' bundles are.
 */
const consoleBuild = () =>
  Source.asset(path.join(PROJECT_ROOT, 'console'), {
    exclude: ['dist'],
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir: string) {
          execFileSync(
            path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vite'),
            [
              'build',
              '--config',
              'console/vite.config.ts',
              '--outDir',
              outputDir,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
          );
          return true;
        },
      },
    },
  });
