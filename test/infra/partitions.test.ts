import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '#infra/constructs/partition.ts';
import { LingchuanStack } from '#infra/stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk CloudFormation JSON, whose shape is per resource type.
type CfnJson = any;

/** The stack as `npx cdk synth [-c partition=aws-cn]` makes it (bundling skipped: the template is what is read). */
const synthesize = (context: Record<string, string>) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new LingchuanStack(app, 'Lingchuan');
  return { stack, template: Template.fromStack(stack) };
};

let china: { stack: Stack; template: Template };
let global: { stack: Stack; template: Template };

beforeAll(() => {
  china = synthesize({ partition: 'aws-cn' });
  global = synthesize({});
});

const distributionConfig = (template: Template): CfnJson => {
  const distributions = Object.values(template.findResources('AWS::CloudFront::Distribution')) as CfnJson[];
  expect(distributions).toHaveLength(1);
  return distributions[0].Properties.DistributionConfig;
};

const behaviours = (config: CfnJson): CfnJson[] => [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];

describe('the partition a synthesis is for', () => {
  it('is aws-cn for a stack in cn-northwest-1 or cn-north-1, or asked with -c partition=aws-cn; else the global one', () => {
    const inRegion = (region?: string, context: Record<string, string> = {}) =>
      partitionOf(new Stack(new App({ context }), 'S', region ? { env: { region } } : {}));
    expect(inRegion('cn-northwest-1')).toBe('aws-cn');
    expect(inRegion('cn-north-1')).toBe('aws-cn');
    expect(inRegion(undefined, { partition: 'aws-cn' })).toBe('aws-cn');
    expect(inRegion('eu-west-1')).toBe('aws');
    expect(inRegion()).toBe('aws');
    expect(() => inRegion(undefined, { partition: 'aws-us-gov' })).toThrow(/expected aws or aws-cn/);
  });
});

describe('the AWS China Regions (aws-cn, cn-northwest-1)', () => {
  it('uses no CloudFront feature reported missing there: no origin access control, no cache or origin-request policy', () => {
    expect(china.template.findResources('AWS::CloudFront::OriginAccessControl')).toEqual({});
    const text = JSON.stringify(china.template.toJSON());
    expect(text).not.toContain('CachePolicyId');
    expect(text).not.toContain('OriginRequestPolicyId');
    for (const behaviour of behaviours(distributionConfig(china.template))) {
      expect(behaviour.ForwardedValues).toMatchObject({ Cookies: { Forward: 'none' } });
      expect(behaviour).toHaveProperty('DefaultTTL');
    }
  });

  it('reads the console bucket through an origin access identity, the documented way there', () => {
    const identities = Object.keys(china.template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity'));
    expect(identities).toHaveLength(1);
    const s3Origin = distributionConfig(china.template).Origins.find((o: CfnJson) => o.S3OriginConfig);
    expect(JSON.stringify(s3Origin.S3OriginConfig.OriginAccessIdentity)).toContain(identities[0]);
  });

  it('never caches the API, and forwards the headers it reads (not Host)', () => {
    const api = distributionConfig(china.template).CacheBehaviors.find((b: CfnJson) => b.PathPattern === '/v1/*');
    expect([api.MinTTL, api.DefaultTTL, api.MaxTTL]).toEqual([0, 0, 0]);
    expect(api.ForwardedValues.QueryString).toBe(true);
    expect(api.ForwardedValues.Headers).toEqual(
      expect.arrayContaining(['Authorization', 'Idempotency-Key', 'If-Match']),
    );
    expect(api.ForwardedValues.Headers).not.toContain('Host');
  });

  it('asks no Lambda function for X-Ray tracing, which Lambda does not offer there, and switches the tracer off', () => {
    expect(china.template.toJSON().Parameters.LambdaTracing).toBeUndefined();
    const functions = Object.values(china.template.findResources('AWS::Lambda::Function')) as CfnJson[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(fn.Properties.TracingConfig).toBeUndefined();
    const ours = functions.filter((fn) => fn.Metadata?.['lingchuan:entry']);
    expect(ours.length).toBeGreaterThan(0);
    for (const fn of ours) expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBe('false');
  });

  it('answers on the ICP-filed domain with the IAM server certificate from the parameters, SNI and TLSv1.2_2021', () => {
    const config = distributionConfig(china.template);
    expect(config.Aliases).toEqual([{ Ref: 'ConsoleDomain' }]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: { Ref: 'ConsoleCertificate' },
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });
});

describe('the global partition', () => {
  it('answers on the domain with the ACM certificate from the parameters, SNI and TLSv1.2_2021', () => {
    const config = distributionConfig(global.template);
    expect(config.Aliases).toEqual([{ Ref: 'ConsoleDomain' }]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: { Ref: 'ConsoleCertificate' },
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('keeps cache policies, origin access control and Lambda tracing where they exist', () => {
    expect(Object.keys(global.template.findResources('AWS::CloudFront::OriginAccessControl'))).toHaveLength(1);
    for (const behaviour of behaviours(distributionConfig(global.template)))
      expect(behaviour.CachePolicyId).toBeDefined();
    global.template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: { Ref: 'LambdaTracing' } },
    });
  });
});

describe.each([
  ['aws-cn', () => china],
  ['aws', () => global],
])('the %s synthesis', (_partition, synthesized) => {
  it('names no partition ARN, account or region literal', () => {
    const text = JSON.stringify(synthesized().template.toJSON());
    expect(text).not.toMatch(/arn:aws(-cn|-us-gov)?:/);
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(
      /\b(us|eu|ap|cn|sa|ca|me|af)-(north|south|east|west|central|northeast|southeast|northwest)-\d\b/,
    );
  });

  it('derives the console URL, the OIDC redirect URI and the documents CORS origin from ConsoleDomain', () => {
    const { Outputs } = synthesized().template.toJSON();
    const https = { 'Fn::Join': ['', ['https://', { Ref: 'ConsoleDomain' }]] };
    expect(Outputs.ConsoleUrl.Value).toEqual(https);
    expect(Outputs.OidcRedirectUri.Value).toEqual({
      'Fn::Join': ['', ['https://', { Ref: 'ConsoleDomain' }, '/callback']],
    });
    synthesized().template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: Match.arrayWith([Match.objectLike({ AllowedOrigins: [https] })]) },
    });
  });

  it('passes cdk-nag AwsSolutions with no stack-wide suppression: each is scoped to the resources it is true of', () => {
    const { stack } = synthesized();
    const annotations = Annotations.fromStack(stack);
    const findings = [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 160)}`)).toEqual([]);
    expect(stack.templateOptions.metadata?.cdk_nag).toBeUndefined();
  });
});

describe.each([
  ['aws-cn', () => china],
  ['aws', () => global],
])('the public register in the %s synthesis (政务公开)', (partition, synthesized) => {
  const PUBLIC_ROUTES = ['GET /public/v1/projects', 'GET /public/v1/projects.atom'];
  const WRITES = [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:TransactWriteItems',
    'dynamodb:BatchWriteItem',
    's3:PutObject',
  ];

  const publicRoutes = () =>
    (Object.values(synthesized().template.findResources('AWS::ApiGatewayV2::Route')) as CfnJson[]).filter((route) =>
      PUBLIC_ROUTES.includes(route.Properties.RouteKey),
    );

  it('has no authorizer on its routes', () => {
    const routes = publicRoutes();
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(PUBLIC_ROUTES);
    for (const route of routes) {
      expect(route.Properties.AuthorizationType, route.Properties.RouteKey).toBe('NONE');
      expect(route.Properties.AuthorizerId, route.Properties.RouteKey).toBeUndefined();
    }
  });

  it('is served by a function of its own that may read the table and write nothing', () => {
    const all = synthesized().template.toJSON().Resources as Record<string, CfnJson>;
    const integrations = new Set(
      publicRoutes().map((route) => route.Properties.Target['Fn::Join'][1][1].Ref as string),
    );
    expect(integrations.size).toBe(1);
    const [integration] = [...integrations];
    const functionId = all[integration ?? ''].Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    const roleId = all[functionId].Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(all)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as CfnJson[]);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    expect(actions.filter((action) => WRITES.includes(action) || action.endsWith('*'))).toEqual([]);
    // Nothing of the documents, the workflows, the topic or the dossiers' keys either.
    expect(actions.filter((action) => !action.startsWith('dynamodb:') && !action.startsWith('xray:'))).toEqual([]);
  });

  it('is cached five minutes at the edge, keyed on its query and never on a token', () => {
    const config = distributionConfig(synthesized().template);
    const behaviour = (config.CacheBehaviors as CfnJson[]).find((b) => b.PathPattern === '/public/*');
    expect(behaviour).toBeDefined();
    expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    if (partition === 'aws-cn') {
      // China's CloudFront has no cache policies: the same caching as legacy forwarded values.
      expect(behaviour.CachePolicyId).toBeUndefined();
      expect(behaviour.ForwardedValues).toEqual({
        QueryString: true,
        QueryStringCacheKeys: ['year', 'limit', 'cursor'],
        Cookies: { Forward: 'none' },
      });
      expect([behaviour.MinTTL, behaviour.DefaultTTL, behaviour.MaxTTL]).toEqual([0, 300, 300]);
      return;
    }
    const policyId = behaviour.CachePolicyId.Ref as string;
    const policy = synthesized().template.toJSON().Resources[policyId].Properties.CachePolicyConfig;
    expect([policy.MinTTL, policy.DefaultTTL, policy.MaxTTL]).toEqual([0, 300, 300]);
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['year', 'limit', 'cursor'] },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
  });
});
