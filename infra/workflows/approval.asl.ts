/**
 * The approval workflow (ART13–ART15) as Amazon States Language.
 *
 *   TechReview (data-bureau) ──approve──▶ OtherReviews (Parallel, each branch only where it applies)
 *        │ reject ─▶ Rejected           ├─ ProjectApproval (approval-bureau) if reviews.projectApproval
 *        │ return ─▶ Returned           └─ FinanceReview   (finance)         if reviews.financeReview
 *        ▼                                   any reject ─▶ Rejected, any return ─▶ Returned
 *   (timeout) Escalate ─▶ re-open           all approve / not required ─▶ Approved
 *
 * Each human review is a `lambda:invoke.waitForTaskToken` task: the step function records a task
 * with the token and the reviewer's decision comes back through the API. Each waits
 * `reviewTimeoutSeconds` (the policy setting, fixed at synth; a deployment may pass
 * `-c reviewTimeoutSeconds=N`) and then escalates and re-opens instead of hanging. Whether a branch applies is in the input (`reviews`), computed by the domain rules:
 * no threshold is repeated here. Every task retries transient Lambda errors and catches the
 * rest into RecordFailure, which writes the failure on the project's audit trail.
 *
 * `${ApprovalStepArn}` and `${Partition}` are definition substitutions. Nothing reads `$$.State`.
 */

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

const step = (parameters: Json, next: Json, failTo: string): Json => ({
  Type: 'Task',
  Resource: '${ApprovalStepArn}',
  Parameters: { 'projectId.$': '$.projectId', 'submission.$': '$.submission', ...parameters },
  TimeoutSeconds: 60,
  Retry: TRANSIENT,
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: failTo }],
  ...next,
});

/** A human review: wait for the decision, escalate on timeout, route on the decision. */
const review = (
  kind: string,
  name: string,
  outcomes: { approve: string; reject: string; return: string },
  failTo: string,
  timeoutSeconds: number,
): Record<string, Json> => {
  const result = `$.decisions.${name}`;
  return {
    [name]: {
      Type: 'Task',
      Comment: `${kind}: the reviewer decides through POST /v1/tasks/{taskId}/decision`,
      Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${ApprovalStepArn}',
        Payload: {
          step: 'open-review',
          kind,
          'projectId.$': '$.projectId',
          'submission.$': '$.submission',
          timeoutSeconds,
          'taskToken.$': '$$.Task.Token',
        },
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

/** A Parallel branch for a review that applies only when `reviews.<flag>` is true. */
const branch = (kind: string, name: string, flag: string, timeoutSeconds: number): Json => ({
  StartAt: `${name}Applies`,
  States: {
    [`${name}Applies`]: {
      Type: 'Choice',
      Choices: [{ Variable: `$.reviews.${flag}`, BooleanEquals: true, Next: name }],
      Default: `${name}NotRequired`,
    },
    [`${name}NotRequired`]: { Type: 'Succeed' },
    ...review(
      kind,
      name,
      { approve: `${name}Granted`, reject: `${name}Rejected`, return: `${name}Returned` },
      `${name}Failed`,
      timeoutSeconds,
    ),
    [`${name}Granted`]: { Type: 'Succeed' },
    [`${name}Rejected`]: { Type: 'Fail', Error: 'Review.Rejected', Cause: kind },
    [`${name}Returned`]: { Type: 'Fail', Error: 'Review.Returned', Cause: kind },
    [`${name}Failed`]: { Type: 'Fail', Error: 'Review.Failed', Cause: kind },
  },
});

const conclude = (outcome: string): Json =>
  step({ step: 'conclude', outcome }, { ResultPath: '$.conclusion', End: true }, 'RecordFailure');

export const approvalDefinition = ({ reviewTimeoutSeconds }: { reviewTimeoutSeconds: number }): Json => ({
  Comment: 'Approval of a declared government data project (陵川县政务数据项目 ART13–ART15)',
  StartAt: 'TechReview',
  States: {
    ...review(
      'tech-review',
      'TechReview',
      { approve: 'OtherReviews', reject: 'Rejected', return: 'Returned' },
      'RecordFailure',
      reviewTimeoutSeconds,
    ),
    OtherReviews: {
      Type: 'Parallel',
      Branches: [
        branch('project-approval', 'ProjectApproval', 'projectApproval', reviewTimeoutSeconds),
        branch('finance-review', 'FinanceReview', 'financeReview', reviewTimeoutSeconds),
      ],
      ResultPath: '$.otherReviews',
      Catch: [
        { ErrorEquals: ['Review.Rejected'], ResultPath: '$.stopped', Next: 'Rejected' },
        { ErrorEquals: ['Review.Returned'], ResultPath: '$.stopped', Next: 'Returned' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' },
      ],
      Next: 'Approved',
    },
    Approved: conclude('approved'),
    Rejected: conclude('rejected'),
    Returned: conclude('returned'),
    RecordFailure: {
      Type: 'Task',
      Resource: '${ApprovalStepArn}',
      Parameters: {
        step: 'record-failure',
        'projectId.$': '$.projectId',
        'submission.$': '$.submission',
        'failure.$': '$.failure',
      },
      TimeoutSeconds: 60,
      Retry: TRANSIENT,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordFailure', Next: 'Failed' }],
      ResultPath: null,
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'Approval.Failed', Cause: 'A workflow step failed; see the project audit trail.' },
  },
});
