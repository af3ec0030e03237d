import { shanghaiDate } from '#shared/domain/calendar.ts';
import { logger } from '#shared/observability/logger.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { sweepDeps } from '#shared/use-cases/deps.ts';
import { runSweep } from '#shared/use-cases/sweeps/run-sweep.ts';

const dependencies = sweepDeps({ calendar, findings, obligations, projects });

/** EventBridge Scheduler, daily at 02:00 Asia/Shanghai: sweep as of that day. */
export const handler = async (event: { asOf?: string } = {}) => {
  const deps = dependencies();
  const asOf = typeof event.asOf === 'string' ? event.asOf : shanghaiDate(deps.now());
  const summary = await runSweep({ asOf }, deps);
  logger.info('nightly sweep', { ...summary });
  return summary;
};
