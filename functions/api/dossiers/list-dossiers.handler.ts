import { apiHandler } from '#shared/http/api-handler.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listDossiers as list } from '#shared/use-cases/dossiers/read-dossiers.ts';
import { listDossiers } from './routes.ts';

const deps = apiDeps(listDossiers.adapters, { dossiers, projects });

export const handler = apiHandler(listDossiers, ({ actor, params, query }) =>
  list({ id: params.id, actor, ...query }, deps()),
);
