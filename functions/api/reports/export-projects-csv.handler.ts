import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { projectRegister } from '#shared/use-cases/reports/portfolio.ts';
import { registerFileName } from '#shared/use-cases/reports/register-columns.ts';
import { registerCsv } from '#shared/use-cases/reports/register-csv.ts';
import { exportProjectsCsv } from './routes.ts';

const deps = apiDeps(exportProjectsCsv.adapters, { register, findings, departments });

export const handler = apiHandler(exportProjectsCsv, async ({ query }) => {
  const { year, rows } = await projectRegister({ year: query.year }, deps());
  return { fileName: registerFileName(year, 'csv'), bytes: registerCsv(rows) };
});
