import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { recordDrill } from '#shared/use-cases/construction/security-drills.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { recordSecurityDrill } from './routes.ts';

const deps = apiDeps(recordSecurityDrill.adapters, { departments, idempotency });

export const handler = apiHandler(recordSecurityDrill, ({ actor, params, body, headers }) =>
  recordDrill({ deptId: params.deptId, actor, drill: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
