import { shanghaiDate } from '#shared/domain/calendar.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { repairStrandedReviews, runSweep as run } from '#shared/use-cases/sweeps/run-sweep.ts';
import { runSweep } from './routes.ts';

const deps = apiDeps(runSweep.adapters, { calendar, departments, findings, obligations, projects, tasks, workflows });

export const handler = apiHandler(runSweep, async ({ body }) => {
  const summary = await run({ asOf: body.asOf ?? shanghaiDate(deps().now()) }, deps());
  await repairStrandedReviews(deps());
  return summary;
});
