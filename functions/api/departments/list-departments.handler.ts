import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { listDepartments as list } from '#shared/use-cases/departments/list-departments.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listDepartments } from './routes.ts';

const deps = apiDeps(listDepartments.adapters, { departments });

export const handler = apiHandler(listDepartments, () => list(deps()));
