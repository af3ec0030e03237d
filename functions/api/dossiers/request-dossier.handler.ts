import { apiHandler } from '#shared/http/api-handler.ts';
import { dossierBuilds } from '#shared/store/dossier-builds.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { requestDossier as request } from '#shared/use-cases/dossiers/request-dossier.ts';
import { requestDossier } from './routes.ts';

const deps = apiDeps(requestDossier.adapters, { dossierBuilds, dossiers, idempotency, projects });

export const handler = apiHandler(requestDossier, ({ actor, params, headers }) =>
  request({ id: params.id, actor, idempotencyKey: headers['idempotency-key'] }, deps()),
);
