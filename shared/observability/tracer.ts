import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one tracer. Lambda's active tracing opens each invocation's segment; what this adds is a
 * subsegment for every AWS call, so a trace shows the DynamoDB, S3, Step Functions and SNS calls a
 * request made and how long each took. HTTPS requests are not captured besides: every outbound call
 * of ours is an SDK call, already captured, and would appear twice. Outside Lambda (the local
 * runtime, tests) Powertools turns tracing off and `traced` hands the client back unchanged.
 */
export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lingchuan',
  captureHTTPsRequests: false,
});

/** An SDK client, traced: every client is created through this, once per cold start. */
export const traced = <Client>(client: Client): Client => tracer.captureAWSv3Client(client);
