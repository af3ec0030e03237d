import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { confirmWaiver as confirm } from '#shared/use-cases/waivers/confirm-waiver.ts';
import { confirmWaiver } from './routes.ts';

const deps = apiDeps(confirmWaiver.adapters, { departments, idempotency, obligations, projects, records });

export const handler = apiHandler(confirmWaiver, ({ actor, params, headers }) =>
  confirm(
    { projectId: params.id, obligationId: params.obligationId, actor, idempotencyKey: headers['idempotency-key'] },
    deps(),
  ),
);
