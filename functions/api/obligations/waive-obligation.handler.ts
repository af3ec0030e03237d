import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { proposeWaiver } from '#shared/use-cases/waivers/propose-waiver.ts';
import { waiveObligation } from './routes.ts';

const deps = apiDeps(waiveObligation.adapters, { departments, idempotency, obligations, projects, records });

export const handler = apiHandler(waiveObligation, ({ actor, params, body, headers }) =>
  proposeWaiver(
    {
      projectId: params.id,
      obligationId: params.obligationId,
      reason: body.reason,
      actor,
      idempotencyKey: headers['idempotency-key'],
    },
    deps(),
  ),
);
