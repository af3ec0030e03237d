import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { reportMilestone as report } from '#shared/use-cases/construction/report-milestone.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { reportMilestone } from './routes.ts';

const deps = apiDeps(reportMilestone.adapters, { documents, findings, idempotency, obligations, projects, records });

export const handler = apiHandler(reportMilestone, ({ actor, params, body, headers }) =>
  report({ id: params.id, actor, report: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
