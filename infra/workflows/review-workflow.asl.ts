/**
 * A review workflow (approval ART13–15 and ART22; acceptance ART27–28) as Amazon States Language,
 * built from the workflow catalogue (shared/domain/review-catalogue.ts):
 *
 *   First review ──approve──▶ Route ──▶ ParallelReviews (each branch only where Route says it applies)
 *     │ reject ─▶ Rejected                 any reject ─▶ Rejected, any return ─▶ Returned
 *     │ return ─▶ Returned                 all approve / not required ─▶ Approved
 *     ▼ (timeout) Escalate ─▶ re-open
 *
 *   approval:   TechReview      then ProjectApproval (approval-bureau) ‖ FinanceReview (finance)
 *   acceptance: TechAcceptance  then CompletionAcceptance (drc)
 *   emergency:  EmergencyConfirmation (data-bureau), alone: approve ─▶ Approved, reject ─▶ Rejected
 *   filing:     Opening ─($.kind)─▶ FilingConfirmation | OmReportConfirmation (data-bureau), alone
 *   budget:     BudgetReview (finance), alone: a filed change above the approved budget (ART22)
 *
 * A workflow with no parallel reviews concludes on its first review's decision (no Route step).
 * A workflow whose rounds open with one of several reviews (`instead` in the catalogue) starts
 * with an Opening choice on the execution input's `kind`.
 *
 * Each human review is a `lambda:invoke.waitForTaskToken` task: the step function records a task
 * with the token and the reviewer's decision comes back through the API. Each waits
 * `reviewTimeoutSeconds` (the policy setting, fixed at synth; a deployment may pass
 * `-c reviewTimeoutSeconds=N`) and then escalates and re-opens instead of hanging. Which parallel
 * reviews apply is asked of the domain by the Route step after the first review approved (so a
 * correction by that review re-routes): no threshold is repeated here. State names come from the
 * review kinds (`stateName`). Every task retries transient Lambda errors and catches the rest
 * into RecordFailure, which writes the failure on the project's audit trail.
 *
 * `${StepArn}` and `${Partition}` are definition substitutions. Nothing reads `$$.State`.
 */
import { type ReviewKind, WORKFLOWS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import { stateName } from '#shared/domain/workflow.ts';

type Json = Record<string, unknown>;

const TRANSIENT = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 1,
    MaxAttempts: 3,
    BackoffRate: 2,
  },
];

/** The round every step payload names (the step function parses it with WorkflowStepSchema). */
const ROUND = { 'workflow.$': '$.workflow', 'projectId.$': '$.projectId', 'round.$': '$.round' };

const step = (parameters: Json, next: Json, failTo: string): Json => ({
  Type: 'Task',
  Resource: '${StepArn}',
  Parameters: { ...ROUND, ...parameters },
  TimeoutSeconds: 60,
  Retry: TRANSIENT,
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: failTo }],
  ...next,
});

/** A human review: wait for the decision, escalate on timeout, route on the decision. */
const review = (
  kind: ReviewKind,
  outcomes: { approve: string; reject: string; return: string },
  failTo: string,
  timeoutSeconds: number,
): Record<string, Json> => {
  const name = stateName(kind);
  const result = `$.decisions.${name}`;
  return {
    [name]: {
      Type: 'Task',
      Comment: `${kind}: the reviewer decides through POST /v1/tasks/{taskId}/decision`,
      Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${StepArn}',
        Payload: { step: 'open-review', kind, ...ROUND, timeoutSeconds, 'taskToken.$': '$$.Task.Token' },
      },
      TimeoutSeconds: timeoutSeconds,
      ResultPath: result,
      Retry: TRANSIENT,
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.lastTimeout', Next: `${name}Escalate` },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: failTo },
      ],
      Next: `${name}Outcome`,
    },
    [`${name}Escalate`]: step({ step: 'escalate', kind }, { ResultPath: result, Next: `${name}Escalated` }, failTo),
    [`${name}Escalated`]: {
      Type: 'Choice',
      Comment:
        'A decision recorded just as the timeout fired is delivered; a review escalated too often fails on the record (before the one-year execution limit could end it silently); otherwise the review opens again.',
      Choices: [
        { Variable: `${result}.decision`, IsPresent: true, Next: `${name}Outcome` },
        { Variable: `${result}.exhausted`, IsPresent: true, Next: `${name}Exhausted` },
      ],
      Default: name,
    },
    [`${name}Exhausted`]: {
      Type: 'Pass',
      Result: { Error: 'Review.EscalationsExhausted', Cause: kind },
      ResultPath: '$.failure',
      Next: failTo,
    },
    [`${name}Outcome`]: {
      Type: 'Choice',
      Choices: [
        { Variable: `${result}.decision`, StringEquals: 'approve', Next: outcomes.approve },
        { Variable: `${result}.decision`, StringEquals: 'reject', Next: outcomes.reject },
        { Variable: `${result}.decision`, StringEquals: 'return', Next: outcomes.return },
      ],
      Default: `${name}Unexpected`,
    },
    [`${name}Unexpected`]: {
      Type: 'Pass',
      Result: { Error: 'Review.UnexpectedDecision', Cause: kind },
      ResultPath: '$.failure',
      Next: failTo,
    },
  };
};

/** A Parallel branch for a review that applies only when the Route step said so. */
const branch = (kind: ReviewKind, timeoutSeconds: number): Json => {
  const name = stateName(kind);
  return {
    StartAt: `${name}Applies`,
    States: {
      [`${name}Applies`]: {
        Type: 'Choice',
        Choices: [{ Variable: `$.reviews.${name}`, BooleanEquals: true, Next: name }],
        Default: `${name}NotRequired`,
      },
      [`${name}NotRequired`]: { Type: 'Succeed' },
      ...review(
        kind,
        { approve: `${name}Granted`, reject: `${name}Rejected`, return: `${name}Returned` },
        `${name}Failed`,
        timeoutSeconds,
      ),
      [`${name}Granted`]: { Type: 'Succeed' },
      [`${name}Rejected`]: { Type: 'Fail', Error: 'Review.Rejected', Cause: kind },
      [`${name}Returned`]: { Type: 'Fail', Error: 'Review.Returned', Cause: kind },
      [`${name}Failed`]: { Type: 'Fail', Error: 'Review.Failed', Cause: kind },
    },
  };
};

const conclude = (outcome: string): Json =>
  step({ step: 'conclude', outcome }, { ResultPath: '$.conclusion', End: true }, 'RecordFailure');

/** The Route step and the parallel reviews, for a workflow that has them. */
const parallelStates = (parallel: readonly ReviewKind[], timeoutSeconds: number): Record<string, Json> => ({
  Route: step({ step: 'route' }, { ResultPath: '$.reviews', Next: 'ParallelReviews' }, 'RecordFailure'),
  ParallelReviews: {
    Type: 'Parallel',
    Branches: parallel.map((kind) => branch(kind, timeoutSeconds)),
    ResultPath: '$.parallelReviews',
    Catch: [
      { ErrorEquals: ['Review.Rejected'], ResultPath: '$.stopped', Next: 'Rejected' },
      { ErrorEquals: ['Review.Returned'], ResultPath: '$.stopped', Next: 'Returned' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' },
    ],
    Next: 'Approved',
  },
});

export const reviewWorkflowDefinition = (
  workflow: WorkflowKind,
  { reviewTimeoutSeconds }: { reviewTimeoutSeconds: number },
): Json => {
  const { first, instead = [], parallel, zh } = WORKFLOWS[workflow];
  const afterApproval = parallel.length > 0 ? 'Route' : 'Approved';
  const opening = (kind: ReviewKind) =>
    review(
      kind,
      { approve: afterApproval, reject: 'Rejected', return: 'Returned' },
      'RecordFailure',
      reviewTimeoutSeconds,
    );
  return {
    Comment: `${workflow} of a government data project (陵川县政务数据项目${zh})`,
    StartAt: instead.length > 0 ? 'Opening' : stateName(first),
    States: {
      ...(instead.length > 0
        ? {
            Opening: {
              Type: 'Choice',
              Comment: 'The review this round was started for (the execution input names it; the first otherwise).',
              Choices: instead.map((kind) => ({
                And: [
                  { Variable: '$.kind', IsPresent: true },
                  { Variable: '$.kind', StringEquals: kind },
                ],
                Next: stateName(kind),
              })),
              Default: stateName(first),
            },
          }
        : {}),
      ...opening(first),
      ...Object.assign({}, ...instead.map(opening)),
      ...(parallel.length > 0 ? parallelStates(parallel, reviewTimeoutSeconds) : {}),
      Approved: conclude('approved'),
      Rejected: conclude('rejected'),
      Returned: conclude('returned'),
      RecordFailure: {
        Type: 'Task',
        Resource: '${StepArn}',
        Parameters: { step: 'record-failure', ...ROUND, 'failure.$': '$.failure' },
        TimeoutSeconds: 60,
        Retry: TRANSIENT,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordFailure', Next: 'Failed' }],
        ResultPath: null,
        Next: 'Failed',
      },
      Failed: { Type: 'Fail', Error: 'Workflow.Failed', Cause: 'A workflow step failed; see the project audit trail.' },
    },
  };
};
