import middy from '@middy/core';
import { TRIGGER_ADAPTERS } from '#functions/trigger-adapters.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { logger } from '#shared/observability/logger.ts';
import { failureLog, requestContext } from '#shared/observability/request-context.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { sweepDeps } from '#shared/use-cases/deps.ts';
import { reconcileCodeRegisters } from '#shared/use-cases/projects/reconcile-code-registers.ts';
import { repairStrandedReviews, runSweep } from '#shared/use-cases/sweeps/run-sweep.ts';

const dependencies = sweepDeps(TRIGGER_ADAPTERS.nightlySweep, {
  calendar,
  departments,
  findings,
  obligations,
  projects,
  tasks,
  workflows,
});

/**
 * EventBridge Scheduler, daily at 02:00 Asia/Shanghai: sweep as of that day, repair the reviews a
 * crash stranded (their rounds started, their decisions delivered), then make every
 * year's code register explain each number its counter gave out (a creator that stopped between
 * taking a number and writing leaves one without a record).
 */
export const handler = middy<{ asOf?: string } | undefined, unknown>()
  .use(requestContext())
  .use(failureLog())
  .handler(async (event) => {
    const deps = dependencies();
    const asOf = typeof event?.asOf === 'string' ? event.asOf : shanghaiDate(deps.now());
    const summary = await runSweep({ asOf }, deps);
    logger.info('nightly sweep', { ...summary });
    const repairs = await repairStrandedReviews(deps);
    if (repairs.repaired > 0) logger.warn('stranded reviews repaired', repairs);
    const registers = await reconcileCodeRegisters(deps);
    if (registers.length > 0) logger.warn('project code register reconciled', { registers });
    return summary;
  });
