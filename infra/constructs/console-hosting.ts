import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DockerImage, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  type CfnDistribution,
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
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import { API_REFERENCE_CSP, API_REFERENCE_PAGE, consoleCsp, SPA_ROUTES_FUNCTION } from './console-csp.ts';
import { PROJECT_ROOT } from './house-function.ts';
import { partitionFeatures } from './partition.ts';

const { NagSuppressions } = cdkNag;

export interface ConsoleHostingProps {
  /** The HTTP API's endpoint (https://…execute-api…): CloudFront forwards /v1/* to it. */
  readonly apiEndpoint: string;
  /** The county identity provider (OIDC issuer) and the console's client id there. */
  readonly oidcIssuer: string;
  readonly oidcClientId: string;
  /** The county's domain for the console (in China an ICP-filed one: *.cloudfront.cn serves nothing). */
  readonly domainName: string;
  /** Its certificate: an ACM certificate ARN (us-east-1) globally, an IAM server-certificate id in China. */
  readonly certificate: string;
  /** The regional S3 endpoint (https://*.s3.{region}.…) the console's presigned uploads and downloads go to. */
  readonly documentsEndpoint: string;
  /** How the county's provider names `dept`, `roles` and `name`, and its role prefix (the stack's claim parameters). */
  readonly claimNames: { dept: string; roles: string; name: string; rolePrefix: string };
}

/**
 * The web console: a private bucket that only this distribution may read (origin access
 * control, or an origin access identity where the partition has no OAC), the API behind the same distribution under /v1/* so the console and the API share
 * one origin (no CORS, one TLS name), and the built console with its runtime config (OIDC issuer
 * and client id) deployed into the bucket. Client routes (/projects/…) are rewritten to
 * index.html at the edge for the console only, so the API's own 403 and 404 pass through as
 * they are. It answers on the county's own domain with its certificate and a TLSv1.2_2021
 * floor; where the partition lacks CloudFront's cache policies the same caching is stated as
 * legacy forwarded values (`partition.ts` says which partition offers what).
 */
export class ConsoleHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const features = partitionFeatures(this);
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
    const securityHeaders = (id: string, contentSecurityPolicy: string) =>
      new ResponseHeadersPolicy(this, id, {
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
      });
    // The console connects to its own origin, the documents bucket and the identity provider's origin (the issuer's scheme and host).
    const headers = securityHeaders(
      'SecurityHeaders',
      consoleCsp({
        documents: props.documentsEndpoint,
        identityProvider: `https://${Fn.select(2, Fn.split('/', props.oidcIssuer))}`,
      }),
    );
    // The execute-api host of the endpoint URL: the API's behaviours and the public register's.
    const api = new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const site = features.originAccessControl
      ? S3BucketOrigin.withOriginAccessControl(this.bucket)
      : S3BucketOrigin.withOriginAccessIdentity(this.bucket);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lingchuan web console and API',
      defaultRootObject: 'index.html',
      ...(features.certificateStore === 'acm'
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificate),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // A county's officials work in China; the console is not for the rest of the world.
      geoRestriction: GeoRestriction.allowlist('CN'),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: site,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The API reference is a page of its own under its own policy (Redoc needs 'unsafe-eval'; the console does not get it).
        [API_REFERENCE_PAGE]: {
          origin: site,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders('ApiReferenceHeaders', API_REFERENCE_CSP),
        },
        [API_PATHS]: {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer is per caller (bearer token): nothing is cached at the edge.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
        // The public register (政务公开) is the same for everyone: cached five minutes at the edge,
        // keyed on its query (the year, the page) and nothing of the caller, so no token reaches it.
        [PUBLIC_PATHS]: {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          ...(features.cloudFrontPolicies
            ? {
                cachePolicy: new CachePolicy(this, 'PublicRegisterCache', {
                  comment: 'The public register: five minutes, keyed on its query only',
                  defaultTtl: PUBLIC_TTL,
                  minTtl: Duration.seconds(0),
                  maxTtl: PUBLIC_TTL,
                  queryStringBehavior: CacheQueryStringBehavior.allowList(...PUBLIC_QUERY),
                  headerBehavior: CacheHeaderBehavior.none(),
                  cookieBehavior: CacheCookieBehavior.none(),
                  enableAcceptEncodingGzip: true,
                  enableAcceptEncodingBrotli: true,
                }),
              }
            : {}),
        },
      },
    });

    const cfn = this.distribution.node.defaultChild as CfnDistribution;
    if (features.certificateStore === 'iam') useIamCertificate(cfn, props.domainName, props.certificate);
    if (!features.cloudFrontPolicies) useForwardedValues(cfn, [API_REFERENCE_PAGE, API_PATHS, PUBLIC_PATHS]);

    NagSuppressions.addResourceSuppressions(this.distribution, [
      ...(features.certificateStore === 'acm'
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'The IAM server certificate and its TLSv1.2_2021 floor are stated by a property override (useIamCertificate below), which cdk-nag reads before overrides apply; the infra test reads the synthesized template.',
            },
          ]),
      ...(features.originAccessControl
        ? []
        : [
            {
              id: 'AwsSolutions-CFR7',
              reason:
                'Origin access control is not offered in this partition (AWS China); an origin access identity is the way there, and the bucket still admits only this distribution.',
            },
          ]),
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
}

/**
 * China's CloudFront takes its certificate from IAM's server-certificate store, which the L2
 * distribution cannot name: the aliases and the viewer certificate are stated on the resource.
 */
const useIamCertificate = (cfn: CfnDistribution, domainName: string, certificateId: string) => {
  cfn.addPropertyOverride('DistributionConfig.Aliases', [domainName]);
  cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
    IamCertificateId: certificateId,
    SslSupportMethod: 'sni-only',
    MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
  });
};

/** The API's behaviour on the console's distribution. */
const API_PATHS = '/v1/*';

/** The public register's behaviour (API.md § Public register: cached 5 minutes), and what its answer varies with. */
const PUBLIC_PATHS = '/public/*';
const PUBLIC_TTL = Duration.minutes(5);
const PUBLIC_QUERY = ['year', 'limit', 'cursor'];

/**
 * The behaviours' caching without cache or origin-request policies (`paths`: the additional
 * behaviours in the order they were declared): the console's files cached as CachingOptimized
 * would (no query string, no cookie, a day by default), the public register five minutes by its
 * query and no header, the API never cached and given exactly the headers it reads (a legacy behaviour cannot forward all headers but Host, and the
 * execute-api origin needs its own Host).
 */
const useForwardedValues = (cfn: CfnDistribution, paths: readonly string[]) => {
  const files = (at: string) => {
    cfn.addPropertyDeletionOverride(`${at}.CachePolicyId`);
    cfn.addPropertyOverride(`${at}.ForwardedValues`, { QueryString: false, Cookies: { Forward: 'none' } });
    cfn.addPropertyOverride(`${at}.MinTTL`, 0);
    cfn.addPropertyOverride(`${at}.DefaultTTL`, Duration.days(1).toSeconds());
    cfn.addPropertyOverride(`${at}.MaxTTL`, Duration.days(365).toSeconds());
  };
  const api = (at: string) => {
    cfn.addPropertyDeletionOverride(`${at}.CachePolicyId`);
    cfn.addPropertyDeletionOverride(`${at}.OriginRequestPolicyId`);
    cfn.addPropertyOverride(`${at}.ForwardedValues`, {
      QueryString: true,
      Cookies: { Forward: 'none' },
      Headers: API_REQUEST_HEADERS,
    });
    for (const ttl of ['MinTTL', 'DefaultTTL', 'MaxTTL']) cfn.addPropertyOverride(`${at}.${ttl}`, 0);
  };
  const publicRegister = (at: string) => {
    cfn.addPropertyDeletionOverride(`${at}.CachePolicyId`);
    cfn.addPropertyOverride(`${at}.ForwardedValues`, {
      QueryString: true,
      QueryStringCacheKeys: PUBLIC_QUERY,
      Cookies: { Forward: 'none' },
    });
    cfn.addPropertyOverride(`${at}.MinTTL`, 0);
    for (const ttl of ['DefaultTTL', 'MaxTTL']) cfn.addPropertyOverride(`${at}.${ttl}`, PUBLIC_TTL.toSeconds());
  };
  files('DistributionConfig.DefaultCacheBehavior');
  for (const [i, path] of paths.entries()) {
    const at = `DistributionConfig.CacheBehaviors.${i}`;
    if (path === API_PATHS) api(at);
    else if (path === PUBLIC_PATHS) publicRegister(at);
    else files(at);
  }
};

/** The request headers the API reads (shared/http), forwarded where no origin-request policy can say "all but Host". */
const API_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Accept-Language',
  'Idempotency-Key',
  'If-Match',
];

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
