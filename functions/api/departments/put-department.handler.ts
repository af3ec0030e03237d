import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { putDepartment as putDepartmentUseCase } from '#shared/use-cases/departments/put-department.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putDepartment } from './routes.ts';

const deps = apiDeps(putDepartment.adapters, { departments });

export const handler = apiHandler(putDepartment, async ({ params, body, actor }) =>
  putDepartmentUseCase({ id: params.deptId, body, actor }, deps()),
);
