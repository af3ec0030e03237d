import { Duration } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { apiEnvSchema } from '#shared/config/env.ts';
import type { RouteDefinition } from '#shared/http/route.ts';
import { HouseFunction, houseLogGroup } from './house-function.ts';

export interface ApiProps {
  readonly routes: readonly RouteDefinition[];
  readonly jwtIssuer: string;
  /** Audiences the authorizer accepts: the portal's, and the console's client id. */
  readonly jwtAudiences: readonly string[];
  readonly portalOrigin: string;
  readonly environment: z.input<typeof apiEnvSchema>;
}

const { NagSuppressions } = cdkNag;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/**
 * The HTTP API: one function per declared route (small bundles, least privilege per route
 * later on), JWT-verified by API Gateway against the county's identity provider; the handler
 * then checks the route's roles. Public routes (health, OpenAPI) carry no authorizer.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: HouseFunction<typeof apiEnvSchema>[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Lingchuan government data projects API (v1)',
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', props.jwtIssuer, { jwtAudience: [...props.jwtAudiences] }),
      corsPreflight: {
        allowOrigins: [props.portalOrigin],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        sub: '$context.authorizer.claims.sub',
        ip: '$context.identity.sourceIp',
        latency: '$context.responseLatency',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };

    // One log group for every route's function, not one each: a route already costs seven resources
    // (function, role, policy, permission, integration, route, log group) against CloudFormation's
    // 500 per stack. Each line names its function (the logger adds the Lambda context), so Logs
    // Insights still reads one route's logs with `filter function_name = …`.
    const functionLogs = houseLogGroup(this, 'FunctionLogs');
    for (const route of props.routes) {
      const fn = new HouseFunction(this, pascal(route.id), {
        logGroup: functionLogs,
        entry: `functions/api/${route.handler}.handler.ts`,
        description: `${route.method} ${route.path}`,
        envSchema: apiEnvSchema,
        environment: props.environment,
        adapters: route.adapters,
      });
      this.functions.push(fn);
      const added = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn),
        ...(route.roles === 'public' ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (route.roles === 'public') {
        NagSuppressions.addResourceSuppressions(added, [
          { id: 'AwsSolutions-APIG4', reason: `${route.path} is public by contract (API.md): it serves no data.` },
        ]);
      }
    }
  }
}
