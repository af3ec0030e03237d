import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { selfEvaluate as evaluate } from '#shared/use-cases/acceptance/self-evaluate.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { selfEvaluate } from './routes.ts';

const deps = apiDeps(selfEvaluate.adapters, { documents, idempotency, obligations, projects, records });

export const handler = apiHandler(selfEvaluate, ({ actor, params, body, headers }) =>
  evaluate({ id: params.id, actor, evaluation: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
