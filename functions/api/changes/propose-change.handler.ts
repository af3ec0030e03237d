import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { proposeChange as propose } from '#shared/use-cases/changes/propose-change.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { proposeChange } from './routes.ts';

const deps = apiDeps(proposeChange.adapters, {
  calendar,
  documents,
  idempotency,
  obligations,
  projects,
  records,
  workflows,
});

export const handler = apiHandler(proposeChange, ({ actor, params, body, headers }) =>
  propose({ id: params.id, actor, change: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
