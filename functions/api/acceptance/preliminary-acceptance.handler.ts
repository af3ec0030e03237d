import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { preliminaryAcceptance as accept } from '#shared/use-cases/acceptance/preliminary-acceptance.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { preliminaryAcceptance } from './routes.ts';

const deps = apiDeps(preliminaryAcceptance.adapters, {
  documents,
  idempotency,
  obligations,
  projects,
  records,
  workflows,
});

export const handler = apiHandler(preliminaryAcceptance, ({ actor, params, body, headers }) =>
  accept({ id: params.id, actor, acceptance: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
