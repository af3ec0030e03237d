import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LingchuanStack } from '#infra/stack.ts';

let template: Template;

beforeAll(() => {
  // Bundling is skipped: these tests look at the template, not at the console build.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new LingchuanStack(app, 'Lingchuan'));
});

// biome-ignore lint/suspicious/noExplicitAny: assertions walk CloudFormation JSON, whose shape is per resource type.
type CfnJson = any;

const only = (type: string): [string, CfnJson] => {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnJson];
};

const siteBucketId = () => {
  const [, distribution] = only('AWS::CloudFront::Distribution');
  const s3Origin = distribution.Properties.DistributionConfig.Origins.find((o: CfnJson) => o.S3OriginConfig);
  return s3Origin.DomainName['Fn::GetAtt'][0] as string;
};

describe('web console hosting', () => {
  it('keeps the console in a private bucket: all public access blocked, no website endpoint', () => {
    const bucket = template.toJSON().Resources[siteBucketId()];
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('lets only this distribution read it, through origin access control (not an access identity)', () => {
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
    const s3Origin = distribution.Properties.DistributionConfig.Origins.find((o: CfnJson) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual({});

    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p: CfnJson) => p.Properties.Bucket.Ref === siteBucketId(),
    ) as CfnJson;
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: CfnJson) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0].Action).toBe('s3:GetObject');
    expect(JSON.stringify(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      if (statement.Effect === 'Allow') expect(statement.Principal).not.toBe('*');
    }
  });

  it('serves the API under /v1/* from the same origin, uncached, and the console over HTTPS only', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    const api = config.CacheBehaviors.find((b: CfnJson) => b.PathPattern === '/v1/*');
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    const apiOrigin = config.Origins.find((o: CfnJson) => o.Id === api.TargetOriginId);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('ApiEndpoint');
    expect(config.Logging.Bucket).toBeDefined();
  });

  it('answers client routes with index.html at the edge, dots in a task id included, and files as they are', () => {
    const [, fn] = only('AWS::CloudFront::Function');
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: CfnJson) => CfnJson;
    const served = (uri: string) => handler({ request: { uri } }).uri;
    expect(served('/tasks/7f3c.approval.1.tech-review')).toBe('/index.html');
    expect(served('/projects/7f3c')).toBe('/index.html');
    expect(served('/')).toBe('/index.html');
    expect(served('/assets/index-BN32NOLO.js')).toBe('/assets/index-BN32NOLO.js');
    expect(served('/config.json')).toBe('/config.json');
  });

  it('deploys the runtime config for OIDC from the stack parameters, and no local token route exists', () => {
    const [, deployment] = only('Custom::CDKBucketDeployment');
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain('"Ref":"JwtIssuer"');
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain('"Ref":"ConsoleClientId"');
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r: CfnJson) => r.Properties.RouteKey as string,
    );
    // Every route is the API's (/v1) or the public register's (/public/v1): none is the local runtime's.
    expect(routeKeys.filter((key) => !/^\/(public\/)?v1\//.test(key.split(' ')[1] ?? ''))).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('/local/token');
  });

  it("sends the console a CSP without 'unsafe-eval' that connects only to its origin, the documents bucket and the identity provider (parameters); the API reference page alone gets 'unsafe-eval' (issue #22 item 6), and the console may upload to the documents bucket", () => {
    const policies = Object.entries(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      ([id, policy]: [string, CfnJson]) => ({
        id,
        csp: JSON.stringify(
          policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
            .ContentSecurityPolicy,
        ),
        frame: policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.FrameOptions,
      }),
    );
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    const policyOf = (behavior: CfnJson) => policies.find((p) => p.id === behavior.ResponseHeadersPolicyId.Ref);
    const consolePolicy = policyOf(config.DefaultCacheBehavior);
    const referenceBehavior = config.CacheBehaviors.find((b: CfnJson) => b.PathPattern === '/api-docs.html');
    const referencePolicy = policyOf(referenceBehavior);
    expect(consolePolicy?.csp).toContain("script-src 'self'");
    expect(consolePolicy?.csp).not.toContain('unsafe-eval');
    expect(consolePolicy?.csp).not.toMatch(/connect-src[^;]* https:[ ;"]/);
    const connectSrc = consolePolicy?.csp.slice(consolePolicy.csp.indexOf('connect-src')) ?? '';
    expect(connectSrc).toContain('https://*.s3.');
    expect(connectSrc).toContain('AWS::URLSuffix');
    expect(connectSrc).toContain('"Ref":"JwtIssuer"');
    expect(consolePolicy?.frame).toEqual({ FrameOption: 'DENY', Override: true });
    expect(referencePolicy?.csp).toContain("script-src 'self' 'unsafe-eval'");
    expect(referencePolicy?.csp).toContain("connect-src 'self'");
    expect(referencePolicy?.frame).toEqual({ FrameOption: 'DENY', Override: true });
    const cors = Object.values(template.findResources('AWS::S3::Bucket'))
      .flatMap((b: CfnJson) => b.Properties.CorsConfiguration?.CorsRules ?? [])
      .map((rule: CfnJson) => JSON.stringify(rule.AllowedOrigins));
    expect(cors).toContain(JSON.stringify([{ 'Fn::Join': ['', ['https://', { Ref: 'ConsoleDomain' }]] }]));
  });
});
