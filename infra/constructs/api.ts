import { Duration } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import cdkNag from 'cdk-nag';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { apiEnvSchema } from '#shared/config/env.ts';
import { type RouteDefinition, resourceOf } from '#shared/http/route.ts';
import { unionOfAdapters } from '#shared/use-cases/adapters.ts';
import { HouseFunction, houseLogGroup } from './house-function.ts';
import { writeResourceEntry } from './resource-entry.ts';

export interface ApiProps {
  readonly routes: readonly RouteDefinition[];
  readonly jwtIssuer: string;
  /** Audiences the authorizer accepts: the portal's, and the console's client id. */
  readonly jwtAudiences: readonly string[];
  readonly portalOrigin: string;
  readonly environment: z.input<typeof apiEnvSchema>;
}

const { NagSuppressions } = cdkNag;

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash, letter: string) => letter.toUpperCase());

/**
 * The HTTP API: one function per resource folder (`functions/api/<resource>/`), serving the routes
 * its `routes.ts` declares by their route key, JWT-verified by API Gateway against the county's
 * identity provider; the route's handler then checks the route's roles. Public routes (health,
 * OpenAPI) carry no authorizer.
 *
 * Per resource rather than per route (issue #19): a function per route cost six CloudFormation
 * resources a route (414 of the stack's 500 at 60 routes), and a county's light, bursty traffic met
 * a cold start on nearly every call of a rarely used route. Now a route costs one resource (its
 * route), and a resource five (function, role, policy, integration, and one invoke permission for
 * the API rather than one a route: only the routes integrated with the function can reach it).
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

    // One log group for every API function: each line names its function and route (the logger adds
    // the Lambda context and the route key), so Logs Insights still reads one route's logs with
    // `filter route = …`.
    const functionLogs = houseLogGroup(this, 'FunctionLogs');
    const byResource = Map.groupBy(props.routes, resourceOf);
    for (const [resource, routes] of byResource) {
      const fn = new HouseFunction(this, `${pascal(resource)}Function`, {
        logGroup: functionLogs,
        entry: writeResourceEntry(resource, routes),
        description: `/v1 ${resource}: ${routes.map((route) => route.id).join(', ')}`.slice(0, 256),
        envSchema: apiEnvSchema,
        environment: props.environment,
        adapters: unionOfAdapters(routes.map((route) => route.adapters)),
      });
      this.functions.push(fn);
      const integration = new HttpLambdaIntegration(`${pascal(resource)}Integration`, fn, {
        scopePermissionToRoute: false,
      });
      for (const route of routes) {
        const added = this.httpApi.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
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
}
