import { apiHandler } from '#shared/http/api-handler.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { waiveObligation as waive } from '#shared/use-cases/obligations/waive-obligation.ts';
import { waiveObligation } from './routes.ts';

const deps = apiDeps(waiveObligation.adapters, { idempotency, obligations, projects });

export const handler = apiHandler(waiveObligation, ({ actor, params, body, headers }) =>
  waive(
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
