import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { publishNotice } from '#shared/use-cases/procurement/publish-notice.ts';
import { publishProcurementNotice } from './routes.ts';

const deps = apiDeps(publishProcurementNotice.adapters, { documents, idempotency, obligations, projects, records });

export const handler = apiHandler(publishProcurementNotice, ({ actor, params, body, headers }) =>
  publishNotice({ id: params.id, actor, notice: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
