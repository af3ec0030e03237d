import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { projectRegister } from '#shared/use-cases/reports/portfolio.ts';
import { registerFileName } from '#shared/use-cases/reports/register-columns.ts';
import { registerXlsx } from '#shared/use-cases/reports/register-files.ts';
import { exportProjectsXlsx } from './routes.ts';

const deps = apiDeps(exportProjectsXlsx.adapters, { register, findings, departments });

export const handler = apiHandler(exportProjectsXlsx, async ({ query }) => {
  const { year, rows } = await projectRegister({ year: query.year }, deps());
  return { fileName: registerFileName(year, 'xlsx'), bytes: registerXlsx(year, rows) };
});
