import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { recordAccountability as record } from '#shared/use-cases/operations/accountability.ts';
import { recordAccountability } from './routes.ts';

const deps = apiDeps(recordAccountability.adapters, { documents, idempotency, obligations, projects, records });

export const handler = apiHandler(recordAccountability, ({ actor, params, body, headers }) =>
  record({ id: params.id, actor, record: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
