import type { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The one metrics module: CloudWatch embedded metric format (EMF) lines on stdout, which the
 * function's log group turns into metrics with no API call and no extra permission. Each metric is
 * published at once (a single-metric instance), so no handler needs a flush middleware. The module
 * is loaded on first use: what it counts is rare (an item today's schema refuses), and no function
 * should pay for it at cold start.
 */
export const NAMESPACE = 'Lingchuan';

let loaded: Promise<{ metrics: Metrics; count: (typeof MetricUnit)['Count'] }> | undefined;
const load = () => {
  loaded ??= import('@aws-lambda-powertools/metrics').then(({ Metrics, MetricUnit }) => ({
    metrics: new Metrics({ namespace: NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lingchuan' }),
    count: MetricUnit.Count,
  }));
  return loaded;
};

/** Publishes `name` = 1 now, with `metadata` beside it in the log line (searchable, not a dimension). */
export const countOne = async (name: string, metadata: Record<string, string>): Promise<void> => {
  const { metrics, count } = await load();
  const single = metrics.singleMetric();
  for (const [key, value] of Object.entries(metadata)) single.addMetadata(key, value);
  single.addMetric(name, count, 1);
};
