import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { waiveObligation as waive } from '#shared/use-cases/obligations/waive-obligation.ts';
import { waiveObligation } from '../routes.ts';

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
