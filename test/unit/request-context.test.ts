import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { writeResourceEntry } from '#infra/constructs/resource-entry.ts';
import { LambdaHost } from '#infra/local/lambda-host.ts';
import { flattenClaims } from '#shared/http/claims.schema.ts';
import { resourceOf, routeKey } from '#shared/http/route.ts';

/**
 * Issue #19, item 4: every handler's log lines carry the Lambda context of their own invocation.
 * Two functions run alternately in one process, as warm Lambdas would reuse theirs: the projects
 * resource function (a request its route refuses, which it logs) and the workflow step (a payload
 * its schema refuses, which it logs). Each line must name its own function and request, and keep
 * nothing from the invocation before it. No store is touched: both refuse before any I/O.
 */
const ENVIRONMENT = {
  TABLE_NAME: 'unused',
  BUCKET_NAME: 'unused',
  APPROVAL_STATE_MACHINE_ARN: 'arn:aws:states:cn-north-1:000000000000:stateMachine:a',
  ACCEPTANCE_STATE_MACHINE_ARN: 'arn:aws:states:cn-north-1:000000000000:stateMachine:b',
  ESCALATION_TOPIC_ARN: 'arn:aws:sns:cn-north-1:000000000000:t',
  PORTAL_ORIGIN: 'https://portal.example',
};

let lines: Record<string, unknown>[];
const capture = (chunk: unknown) => {
  for (const line of String(chunk).split('\n')) {
    if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  return true;
};

beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

/** An unsigned JWT: API Gateway verified it; the functions only read it. */
const unsignedJwt = (payload: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(payload), ''].map((part) => Buffer.from(part).toString('base64url')).join('.');

describe('request context on every log line', () => {
  it('gives each line the Lambda context of its own invocation when two functions alternate', async () => {
    const projectRoutes = routes.filter((route) => resourceOf(route) === 'projects');
    const submit = projectRoutes.find((route) => route.id === 'submitProject');
    if (!submit) throw new Error('no submitProject route');
    const host = new LambdaHost(
      new Map([
        [
          'ProjectsFunction',
          { id: 'ProjectsFunction', entry: writeResourceEntry('projects', projectRoutes), environment: ENVIRONMENT },
        ],
        [
          'ReviewStep',
          { id: 'ReviewStep', entry: 'functions/workflow/review-step.handler.ts', environment: ENVIRONMENT },
        ],
      ]),
      'cn-north-1',
    );
    const invoked: { functionId: string; requestId: string }[] = [];
    host.observe(({ functionId, requestId }) => invoked.push({ functionId, requestId }));
    // An auditor may not submit a project: refused under ART04-ROLE before anything is read.
    const auditor = { sub: 'auditor', name: '审计', roles: ['audit'], exp: Math.floor(Date.now() / 1000) + 600 };
    const refusedSubmit = (n: number) => ({
      version: '2.0',
      routeKey: routeKey(submit),
      rawPath: `/v1/projects/p${n}/submit`,
      // The functions read the verified token itself (shared/http/actor.ts); its claims flattened beside it.
      headers: { authorization: `Bearer ${unsignedJwt(auditor)}` },
      pathParameters: { id: `p${n}` },
      requestContext: {
        requestId: `apigw-${n}`,
        authorizer: {
          jwt: {
            claims: flattenClaims(auditor),
            scopes: [],
          },
        },
      },
    });

    const answers: unknown[] = [];
    for (const n of [1, 2]) {
      answers.push(await host.invoke('ProjectsFunction', refusedSubmit(n)));
      await expect(host.invoke('ReviewStep', { step: 'no-such-step', n })).rejects.toThrow();
    }

    expect(answers).toEqual([
      expect.objectContaining({ statusCode: 403 }),
      expect.objectContaining({ statusCode: 403 }),
    ]);
    expect(invoked.map((i) => i.functionId)).toEqual([
      'ProjectsFunction',
      'ReviewStep',
      'ProjectsFunction',
      'ReviewStep',
    ]);
    // One line an invocation at least, in order, each carrying that invocation's context and no other's.
    for (const [i, { functionId, requestId }] of invoked.entries()) {
      const own = lines.filter((line) => line.function_request_id === requestId);
      expect(own.length, `${functionId} #${i}`).toBeGreaterThan(0);
      for (const line of own) {
        expect(line.function_name).toBe(functionId);
        if (functionId === 'ProjectsFunction') {
          expect(line).toMatchObject({ route: 'POST /v1/projects/{id}/submit', requestId: `apigw-${i / 2 + 1}` });
        } else {
          // The API invocation before it appended a route and a request id: reset, not carried over.
          expect(line).not.toHaveProperty('route');
          expect(line).not.toHaveProperty('requestId');
        }
      }
    }
    expect(lines.every((line) => invoked.some((i) => i.requestId === line.function_request_id))).toBe(true);
    expect(lines.filter((line) => line.message === 'request refused')).toHaveLength(2);
    expect(lines.filter((line) => line.message === 'invocation failed')).toHaveLength(2);
  });
});
