import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import * as projectRoutes from '#functions/api/projects/routes.ts';
import { routes } from '#functions/api/routes.ts';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { ACTIONS } from '#infra/constructs/grants.ts';
import { HouseFunction } from '#infra/constructs/house-function.ts';
import { RESOURCE_ENTRIES_DIR, writeResourceEntry } from '#infra/constructs/resource-entry.ts';
import { LingchuanStack } from '#infra/stack.ts';
import { apiEnvSchema } from '#shared/config/env.ts';
import { isRoute, resourceOf, routeKey } from '#shared/http/route.ts';
import { isTableAdapter } from '#shared/use-cases/adapters.ts';

let template: Template;
let stack: LingchuanStack;

beforeAll(() => {
  // Bundling is skipped: these tests look at the template, not at the bundles.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new LingchuanStack(app, 'Lingchuan');
  template = Template.fromStack(stack);
});

// biome-ignore lint/suspicious/noExplicitAny: assertions walk CloudFormation JSON, whose shape is per resource type.
type CfnJson = any;

const resourcesOf = (type: string) =>
  Object.values(template.findResources(type)) as {
    Properties: Record<string, CfnJson>;
    Metadata?: Record<string, unknown>;
  }[];

/** The resource folders under functions/api/: one Lambda each. */
const resources = [...new Set(routes.map(resourceOf))];
/** The resource an API function serves, from its entry (`.build/api/<resource>.function.ts`). */
const resourceOfEntry = (entry: unknown) =>
  String(entry).startsWith(`${RESOURCE_ENTRIES_DIR}/`)
    ? String(entry).slice(RESOURCE_ENTRIES_DIR.length + 1, -'.function.ts'.length)
    : undefined;

describe('documents bucket', () => {
  it('blocks public access, encrypts, versions and allows TLS only', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThan(0);
    for (const { Properties } of buckets) {
      expect(Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
      ).toMatch(/^(AES256|aws:kms)$/);
      expect(Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    const policies = resourcesOf('AWS::S3::BucketPolicy');
    expect(policies.length).toBe(buckets.length);
    for (const { Properties } of policies) {
      expect(Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it("lets only the portal origin and the console's domain (parameters) use presigned URLs from a browser", () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedOrigins: [{ Ref: 'PortalOrigin' }] }),
          Match.objectLike({ AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { Ref: 'ConsoleDomain' }]] }] }),
        ],
      },
    });
  });
});

describe('table', () => {
  it('is on-demand with point-in-time recovery, deletion protection and the indexes DESIGN.md lists', () => {
    const [table, ...others] = resourcesOf('AWS::DynamoDB::GlobalTable');
    expect(others).toHaveLength(0);
    expect(table?.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table?.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table?.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName).sort()).toEqual(
      [
        'byDepartment',
        'byType',
        'byStage',
        'byYear',
        'obligationsDue',
        'openFindings',
        'publicRegister',
        'taskQueue',
      ].sort(),
    );
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('functions', () => {
  it('run nodejs22.x or newer on arm64 with JSON logs and a log retention', () => {
    const functions = resourcesOf('AWS::Lambda::Function').filter((f) => f.Metadata?.['lingchuan:entry']);
    // One per resource folder, plus the workflow steps, the document verifier, the sweep, the morning reminders and the dossier builder.
    expect(functions.length).toBe(resources.length + 5);
    for (const { Properties } of functions) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.LoggingConfig.LogFormat).toBe('JSON');
    }
    for (const { Properties } of resourcesOf('AWS::Logs::LogGroup'))
      expect(Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it("leave room under CloudFormation's 500 resources per stack for 100 more routes: one function per resource folder", () => {
    const all = template.toJSON().Resources as Record<string, CfnJson>;
    const apiFunctions = Object.entries(all).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && resourceOfEntry(r.Metadata?.['lingchuan:entry']),
    );
    expect(apiFunctions.map(([, r]) => resourceOfEntry(r.Metadata['lingchuan:entry'])).sort()).toEqual(
      [...resources].sort(),
    );
    const logGroups = new Set(apiFunctions.map(([, f]) => JSON.stringify(f.Properties.LoggingConfig.LogGroup)));
    expect(logGroups.size).toBe(1);

    // What the API costs, read from the template: its routes, and for each resource function the
    // function, its role and policies, its integration and its invoke permissions.
    const ids = new Set(apiFunctions.map(([id]) => id));
    const roles = new Set(apiFunctions.map(([, f]) => f.Properties.Role['Fn::GetAtt'][0]));
    const refers = (r: CfnJson, names: Set<string>) =>
      [...names].some((name) => JSON.stringify(r).includes(`"${name}"`));
    const perFunction = Object.entries(all).filter(
      ([id, r]) =>
        ids.has(id) ||
        roles.has(id) ||
        (r.Type === 'AWS::IAM::Policy' && refers(r.Properties.Roles, roles)) ||
        (r.Type === 'AWS::Lambda::Permission' && refers(r.Properties.FunctionName, ids)) ||
        r.Type === 'AWS::ApiGatewayV2::Integration',
    );
    const perRoute = Object.values(all).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(perRoute).toHaveLength(routes.length);
    // A route's marginal cost: its own resources, and its share of its resource function's, at
    // today's routes per resource folder (a route alone in a new folder costs more; one added to
    // an existing folder, only its route).
    const marginal = (perRoute.length + perFunction.length) / routes.length;
    expect(marginal).toBeLessThan(3);
    const total = Object.keys(all).length;
    // The third release (reminders, notifications, the public register, Finance's budget round) fits
    // in 250 because the review workflows share a role and a log group, the scheduled jobs share the
    // scheduler's role, and GET /v1/policy lives with the other routes that describe the API (meta).
    expect(total).toBeLessThanOrEqual(250);
    expect(total + Math.ceil(marginal * 100)).toBeLessThanOrEqual(500);
  });
});

describe('bundling', () => {
  it('bundles the SDK into every function: none marks @aws-sdk/* external', () => {
    const houseFunctions = stack.node.findAll().filter((c): c is HouseFunction<never> => c instanceof HouseFunction);
    expect(houseFunctions).toHaveLength(
      resourcesOf('AWS::Lambda::Function').filter((f) => f.Metadata?.['lingchuan:entry']).length,
    );
    for (const fn of houseFunctions) {
      expect(fn.bundling.bundleAwsSDK, fn.node.path).toBe(true);
      expect(fn.bundling.externalModules ?? [], fn.node.path).not.toContainEqual(expect.stringMatching(/^@aws-sdk/));
      expect(fn.bundling.minify, fn.node.path).toBe(true);
    }
  });

  it('loads no module lazily but the metrics one, whose first use is an unreadable item (an error path)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(path.join(dir, entry.name))
          : entry.name.endsWith('.ts')
            ? [path.join(dir, entry.name)]
            : [],
      );
    const lazy = ['shared', 'functions'].flatMap((dir) =>
      sources(dir).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g)].map((m) => `${file}: ${m[1]}`),
      ),
    );
    // A lazy SDK client only moves its cost to the first request (issue #13).
    expect(lazy).toEqual([`${path.join('shared', 'observability', 'metrics.ts')}: @aws-lambda-powertools/metrics`]);
  });

  it('leaves no import of @aws-sdk in a bundle cdk synth builds', () => {
    const app = new App({
      outdir: path.join(process.cwd(), `.local-test-synth-${process.pid}`),
      context: { 'aws:cdk:enable-asset-metadata': true },
    });
    const scope = new Stack(app, 'Bundled');
    const declared = Object.values(projectRoutes).filter(isRoute);
    new HouseFunction(scope, 'Projects', {
      entry: writeResourceEntry('projects', declared),
      description: 'bundling check',
      envSchema: apiEnvSchema,
      environment: {
        TABLE_NAME: 't',
        BUCKET_NAME: 'b',
        APPROVAL_STATE_MACHINE_ARN: 'a',
        ACCEPTANCE_STATE_MACHINE_ARN: 'a',
        EMERGENCY_STATE_MACHINE_ARN: 'a',
        FILING_STATE_MACHINE_ARN: 'a',
        BUDGET_STATE_MACHINE_ARN: 'a',
        PORTAL_ORIGIN: 'o',
        DOSSIER_STATE_MACHINE_ARN: 'd',
        DOSSIER_KEY_ID: 'k',
      },
      adapters: projectRoutes.getProject.adapters,
    });
    const assembly = app.synth();
    try {
      const fn = Object.values(assembly.getStackByName('Bundled').template.Resources as Record<string, CfnJson>).find(
        (r) => r.Type === 'AWS::Lambda::Function',
      );
      const bundle = readFileSync(path.join(assembly.directory, fn.Metadata['aws:asset:path'], 'index.mjs'), 'utf8');
      expect(bundle).toContain('DynamoDB_20120810');
      // An import left for the runtime to resolve (the SDK's own error text quotes one in brackets, which is not).
      expect(bundle).not.toMatch(/(?<!\[)(\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']@aws-sdk\//);
    } finally {
      rmSync(assembly.directory, { recursive: true, force: true });
    }
  });
});

describe('tracing (issue #19: X-Ray was 57% of a county’s month)', () => {
  it('samples the review workflows by a rule, and traces every function as its caller sampled, unless the county asks for Active', () => {
    const [rule, ...others] = resourcesOf('AWS::XRay::SamplingRule');
    expect(others).toHaveLength(0);
    expect(rule?.Properties.SamplingRule).toMatchObject({
      ServiceType: 'AWS::StepFunctions::StateMachine',
      ReservoirSize: 0,
      FixedRate: 0.05,
    });
    expect(String(rule?.Properties.SamplingRule.RuleName).length).toBeLessThanOrEqual(32);
    for (const { Properties } of resourcesOf('AWS::StepFunctions::StateMachine')) {
      expect(Properties.TracingConfiguration).toEqual({ Enabled: true });
    }
    expect(template.toJSON().Parameters.LambdaTracing).toMatchObject({
      Default: 'PassThrough',
      AllowedValues: ['PassThrough', 'Active'],
    });
    const functions = resourcesOf('AWS::Lambda::Function').filter((f) => f.Metadata?.['lingchuan:entry']);
    for (const { Properties, Metadata } of functions) {
      expect(Properties.TracingConfig, String(Metadata?.['lingchuan:entry'])).toEqual({
        Mode: { Ref: 'LambdaTracing' },
      });
    }
  });
});

describe('sweep', () => {
  it('runs daily at 02:00 Asia/Shanghai', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
  });
});

describe('reminders', () => {
  const scheduleOf = (expression: string) =>
    resourcesOf('AWS::Scheduler::Schedule').find((s) => s.Properties.ScheduleExpression === expression);

  it("runs at 08:00 Asia/Shanghai every day (the function skips days off by the county calendar), invoking the reminders' function", () => {
    const schedule = scheduleOf('cron(0 8 * * ? *)');
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    const [target] = schedule?.Properties.Target.Arn['Fn::GetAtt'] ?? [];
    const fn = template.findResources('AWS::Lambda::Function')[target];
    expect(fn?.Metadata?.['lingchuan:entry']).toBe('functions/reminders/morning-reminders.handler.ts');
    // The scheduler's role invokes the county's two scheduled jobs (the sweep's and this) and nothing else.
    const invoker = schedule?.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const sweep = scheduleOf('cron(0 2 * * ? *)')?.Properties.Target;
    expect(sweep?.RoleArn['Fn::GetAtt'][0]).toBe(invoker);
    const statements = resourcesOf('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(invoker))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((st) => st.Action)).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunction']);
    expect(statements.map((st) => st.Resource)).toEqual(
      expect.arrayContaining([{ 'Fn::GetAtt': [target, 'Arn'] }, sweep?.Arn]),
    );
  });

  it('grants the function its declared adapters: the table read and the announcements written, the topic published to, nothing else', () => {
    const [id, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Metadata?.['lingchuan:entry'] === 'functions/reminders/morning-reminders.handler.ts',
    ) ?? [undefined, undefined];
    expect(fn?.Metadata?.['lingchuan:adapters']).toEqual(TRIGGER_ADAPTERS.morningReminders);
    const role = fn?.Properties.Role['Fn::GetAtt'][0];
    const actions = resourcesOf('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .flatMap((statement: CfnJson) => [statement.Action].flat())
      .filter((action: string) => !action.startsWith('xray:'));
    expect(new Set(actions)).toEqual(new Set([...ACTIONS.tableRead, ...ACTIONS.tableWrite, 'sns:Publish']));
    expect(id).toBeDefined();
  });
});

describe('escalation topic', () => {
  it('is encrypted, accepts TLS only, and only the workflows’ step function and the reminders may publish to it', () => {
    const topics = resourcesOf('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    expect(topics[0]?.Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const publishers = resourcesOf('AWS::IAM::Policy').filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('sns:Publish'),
    );
    expect(publishers.map((policy) => JSON.stringify(policy.Properties.Roles)).sort()).toEqual([
      // POST /v1/reminders runs the morning on demand; the schedule's function runs it every morning.
      expect.stringContaining('ApiSweeps'),
      expect.stringContaining('MorningReminders'),
      expect.stringContaining('ReviewStep'),
    ]);
  });
});

describe('api', () => {
  it('verifies JWTs from the issuer and audience parameters on every non-public route', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Issuer: { Ref: 'JwtIssuer' },
        // The portal's audience and the web console's client id (its tokens come from the same issuer).
        Audience: [{ Ref: 'JwtAudience' }, { Ref: 'ConsoleClientId' }],
      },
    });
    const declared = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
    const deployed = resourcesOf('AWS::ApiGatewayV2::Route');
    expect(deployed.map((r) => r.Properties.RouteKey).sort()).toEqual([...declared.keys()].sort());
    for (const { Properties } of deployed) {
      const route = declared.get(Properties.RouteKey);
      expect(Properties.AuthorizationType, Properties.RouteKey).toBe(route?.roles === 'public' ? 'NONE' : 'JWT');
    }
  });

  it("sends every route to its resource folder's function, whose table dispatches on the route key", () => {
    const all = template.toJSON().Resources as Record<string, CfnJson>;
    const functionBehind = (target: CfnJson) => {
      const integration = all[target['Fn::Join'][1][1].Ref];
      return all[integration.Properties.IntegrationUri['Fn::GetAtt'][0]];
    };
    for (const { Properties } of resourcesOf('AWS::ApiGatewayV2::Route')) {
      const route = routes.find((r) => routeKey(r) === Properties.RouteKey);
      const fn = functionBehind(Properties.Target);
      expect(resourceOfEntry(fn.Metadata['lingchuan:entry']), Properties.RouteKey).toBe(route && resourceOf(route));
      const entry = readFileSync(path.join(process.cwd(), fn.Metadata['lingchuan:entry']), 'utf8');
      expect(entry, Properties.RouteKey).toContain(`${JSON.stringify(Properties.RouteKey)}: `);
      expect(entry, Properties.RouteKey).toContain(`'#functions/api/${route?.handler}.handler.ts'`);
    }
  });
});

describe('the JWT authorizer', () => {
  it('reads the bearer token from the Authorization header and checks the issuer and audience parameters, on every protected route', () => {
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.values(authorizers).map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: { Ref: 'JwtIssuer' },
          Audience: [{ Ref: 'JwtAudience' }, { Ref: 'ConsoleClientId' }],
        },
      }),
    ]);
    // The parameters the local runtime fills with its own issuer, so the local gateway checks the same two.
    expect(template.toJSON().Parameters).toMatchObject({
      JwtIssuer: { Type: 'String' },
      JwtAudience: { Type: 'String' },
      ConsoleClientId: { Type: 'String' },
    });
    const [authorizerId] = Object.keys(authorizers);
    for (const { Properties } of resourcesOf('AWS::ApiGatewayV2::Route')) {
      if (Properties.AuthorizationType === 'JWT') {
        expect(Properties.AuthorizerId, Properties.RouteKey).toEqual({ Ref: authorizerId });
        // No scopes: the roles claim decides, in the function, from the same schemas as the data.
        expect(Properties.AuthorizationScopes, Properties.RouteKey).toBeUndefined();
      }
    }
  });
});

describe("a county's claim names", () => {
  it("maps the identity provider's claims by parameters that default to ours, handed to every API function and to the console", () => {
    expect(template.toJSON().Parameters).toMatchObject({
      ClaimDept: { Type: 'String', Default: 'dept' },
      ClaimRoles: { Type: 'String', Default: 'roles' },
      ClaimName: { Type: 'String', Default: 'name' },
      ClaimRolePrefix: { Type: 'String', Default: '' },
    });
    const apiFunctions = resourcesOf('AWS::Lambda::Function').filter(
      (f) => f.Properties.Environment?.Variables?.PORTAL_ORIGIN !== undefined,
    );
    expect(apiFunctions.length).toBeGreaterThan(0);
    for (const { Properties } of apiFunctions) {
      expect(Properties.Environment.Variables, Properties.Description).toMatchObject({
        CLAIM_DEPT: { Ref: 'ClaimDept' },
        CLAIM_ROLES: { Ref: 'ClaimRoles' },
        CLAIM_NAME: { Ref: 'ClaimName' },
        CLAIM_ROLE_PREFIX: { Ref: 'ClaimRolePrefix' },
      });
    }
    const [deployment] = resourcesOf('Custom::CDKBucketDeployment');
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    for (const parameter of ['ClaimDept', 'ClaimRoles', 'ClaimName', 'ClaimRolePrefix']) {
      expect(markers).toContain(`"Ref":"${parameter}"`);
    }
  });
});

describe('portability', () => {
  it('names no account, region or partition, so AWS China regions work', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/arn:aws(-cn|-us-gov)?:/);
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(
      /\b(us|eu|ap|cn|sa|ca|me|af)-(north|south|east|west|central|northeast|southeast|northwest)-\d\b/,
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed error or warning', () => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 120)}`)).toEqual([]);
    expect(warnings.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 120)}`)).toEqual([]);
  });
});

describe('least privilege (issue #15: every API function held every permission)', () => {
  const logicalIdOf = (type: string, contains = '') =>
    Object.keys(template.findResources(type)).filter((id) => id.includes(contains));
  const classify = (resource: CfnJson): string => {
    const text = JSON.stringify(resource);
    if (logicalIdOf('AWS::DynamoDB::GlobalTable').some((id) => text.includes(id))) return 'table';
    if (logicalIdOf('AWS::S3::Bucket', 'DocumentsBucket').some((id) => text.includes(id))) return 'bucket';
    if (logicalIdOf('AWS::StepFunctions::StateMachine').some((id) => text.includes(id))) return 'workflows';
    if (logicalIdOf('AWS::SNS::Topic').some((id) => text.includes(id))) return 'topic';
    if (logicalIdOf('AWS::KMS::Key').some((id) => text.includes(id))) return 'keys';
    return text;
  };
  const expectedOf = (adapters: Record<string, string>) => {
    const tableUses = Object.entries(adapters).filter(([name]) => isTableAdapter(name));
    const writes = tableUses.some(([, level]) => level === 'write');
    return {
      ...(tableUses.length > 0 ? { table: [...ACTIONS.tableRead, ...(writes ? ACTIONS.tableWrite : [])] } : {}),
      ...(adapters.objects || adapters.inspector
        ? {
            bucket: [
              ...(adapters.objects ? ACTIONS.presign : []),
              ...(adapters.inspector ? [...ACTIONS.inspect, ...ACTIONS.quarantine] : []),
            ],
          }
        : {}),
      ...(adapters.dossierArchive
        ? {
            bucket: [
              ...(adapters.dossierArchive === 'build' ? [...ACTIONS.readDocuments, ...ACTIONS.writeDossier] : []),
              ...(adapters.dossierArchive === 'download' ? ACTIONS.downloadDossier : []),
            ],
          }
        : {}),
      ...(adapters.dossierSigner
        ? { keys: [...(adapters.dossierSigner === 'sign' ? ACTIONS.sign : ACTIONS.publishKeys)] }
        : {}),
      ...(adapters.workflows ? { workflows: [...ACTIONS[adapters.workflows as 'start' | 'answer']] } : {}),
      ...(adapters.dossierBuilds ? { workflows: [...ACTIONS.start] } : {}),
      ...(adapters.notices || adapters.digests ? { topic: ['sns:Publish'] } : {}),
    };
  };

  it('grants every function exactly what its declared adapters need, with no wildcard action on the table or the bucket', () => {
    const policies = resourcesOf('AWS::IAM::Policy');
    const functions = resourcesOf('AWS::Lambda::Function').filter((f) => f.Metadata?.['lingchuan:entry']);
    expect(functions.length).toBe(resources.length + 5);
    for (const fn of functions) {
      const entry = String(fn.Metadata?.['lingchuan:entry']);
      const role = fn.Properties.Role['Fn::GetAtt'][0];
      const granted: Record<string, Set<string>> = {};
      for (const policy of policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(role))) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          const actions: string[] = [statement.Action].flat();
          // X-Ray tracing is the house function's, for every function alike.
          if (actions.every((a) => a.startsWith('xray:'))) continue;
          const kind = classify(statement.Resource);
          granted[kind] ??= new Set();
          for (const action of actions) granted[kind].add(action);
        }
      }
      // An API function serves its resource folder's routes: it holds the union of what each route's
      // adapters need, computed here route by route, not from what the construct recorded.
      const resource = resourceOfEntry(entry);
      const expected: Record<string, string[]> = resource
        ? routes
            .filter((route) => resourceOf(route) === resource)
            .map((route) => expectedOf(route.adapters))
            .reduce<Record<string, string[]>>((union, needs) => {
              for (const [kind, actions] of Object.entries(needs)) union[kind] = [...(union[kind] ?? []), ...actions];
              return union;
            }, {})
        : expectedOf(fn.Metadata?.['lingchuan:adapters'] as Record<string, string>);
      expect(
        Object.fromEntries(Object.entries(granted).map(([kind, actions]) => [kind, [...actions].sort()])),
        entry,
      ).toEqual(
        Object.fromEntries(Object.entries(expected).map(([kind, actions]) => [kind, [...new Set(actions)].sort()])),
      );
      for (const kind of ['table', 'bucket'] as const) {
        expect(
          [...(granted[kind] ?? [])].filter((action) => action.includes('*')),
          entry,
        ).toEqual([]);
      }
    }
  });

  it('grants the projects function the union of its routes: the table written, workflows started, no S3', () => {
    const projects = resourcesOf('AWS::Lambda::Function').find(
      (f) => resourceOfEntry(f.Metadata?.['lingchuan:entry']) === 'projects',
    );
    expect(projects?.Metadata?.['lingchuan:adapters']).toMatchObject({ projects: 'write', workflows: 'start' });
    expect(projects?.Metadata?.['lingchuan:adapters']).not.toHaveProperty('objects');
  });

  it('grants a reading route reads only, and no S3 or Step Functions it does not use', () => {
    const listDepartments = routes.find((r) => r.id === 'listDepartments');
    expect(listDepartments?.adapters).toEqual({ departments: 'read' });
    expect(expectedOf({ departments: 'read' })).toEqual({ table: [...ACTIONS.tableRead] });
  });
});
