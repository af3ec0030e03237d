import { apiHandler } from '#shared/http/api-handler.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { portfolio } from '#shared/use-cases/reports/portfolio.ts';
import { getPortfolio } from './routes.ts';

const deps = apiDeps(getPortfolio.adapters, { register, findings, tasks });

export const handler = apiHandler(getPortfolio, ({ query }) => portfolio({ year: query.year }, deps()));
