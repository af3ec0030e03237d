import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { nameEmergencyDecision as name } from '#shared/use-cases/construction/name-emergency-decision.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { nameEmergencyDecision } from './routes.ts';

const deps = apiDeps(nameEmergencyDecision.adapters, { documents, obligations, projects });

export const handler = apiHandler(nameEmergencyDecision, ({ actor, params, body }) =>
  name({ id: params.id, actor, documentId: body.documentId }, deps()),
);
