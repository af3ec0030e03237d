import { shanghaiDate } from '#shared/domain/calendar.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { runSweep as run } from '#shared/use-cases/sweeps/run-sweep.ts';
import { runSweep } from '../routes.ts';

export const handler = apiHandler(runSweep, ({ body }) =>
  run({ asOf: body.asOf ?? shanghaiDate(deps().now()) }, deps()),
);
