import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { listDrills } from '#shared/use-cases/construction/security-drills.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listSecurityDrills } from './routes.ts';

const deps = apiDeps(listSecurityDrills.adapters, { departments });

export const handler = apiHandler(listSecurityDrills, ({ actor, params }) =>
  listDrills({ deptId: params.deptId, actor }, deps()),
);
