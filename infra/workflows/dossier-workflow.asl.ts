/**
 * The dossier build (ART33), as its diagram reads:
 *
 *   Build ──(fails for good)──▶ RecordFailure ──▶ Failed
 *     │
 *     ▼
 *   (end: the dossier is ready)
 *
 * One task, the builder, retried on Lambda's transient errors; a build that fails for good is
 * recorded `failed` on the dossier (a new dossier is the way on). `${BuilderArn}` is a
 * definition substitution. Nothing reads `$$.State`.
 */
const TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

const DOSSIER = { 'projectId.$': '$.projectId', 'dossierId.$': '$.dossierId' };

export const dossierWorkflowDefinition = () => ({
  Comment: "Builds a project's audit dossier (ART33)",
  StartAt: 'Build',
  States: {
    Build: {
      Type: 'Task',
      Resource: '${BuilderArn}',
      Parameters: { step: 'build', ...DOSSIER },
      ResultPath: '$.built',
      Retry: [{ ErrorEquals: TRANSIENT, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }],
      End: true,
    },
    RecordFailure: {
      Type: 'Task',
      Resource: '${BuilderArn}',
      Parameters: { step: 'record-failure', ...DOSSIER },
      ResultPath: null,
      Retry: [{ ErrorEquals: TRANSIENT, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'DossierBuildFailed', Cause: 'The build failed; the dossier is recorded failed.' },
  },
});
