import { SNSClient } from '@aws-sdk/client-sns';
import { traced } from '#shared/observability/tracer.ts';

/**
 * The notification topic's one client, shared by the escalations and the morning's digests; only
 * the functions that publish import this module (and with it the SNS SDK).
 */
export const topicClient = traced(new SNSClient({}));
