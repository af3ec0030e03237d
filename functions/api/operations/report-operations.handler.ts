import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { reportOperations as report } from '#shared/use-cases/operations/report-operations.ts';
import { reportOperations } from './routes.ts';

const deps = apiDeps(reportOperations.adapters, {
  calendar,
  documents,
  findings,
  idempotency,
  obligations,
  projects,
  records,
  workflows,
});

export const handler = apiHandler(reportOperations, ({ actor, params, body, headers }) =>
  report({ id: params.id, actor, report: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
