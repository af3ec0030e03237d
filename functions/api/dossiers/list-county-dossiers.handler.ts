import { apiHandler } from '#shared/http/api-handler.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listCountyDossiers as list } from '#shared/use-cases/dossiers/read-dossiers.ts';
import { listCountyDossiers } from './routes.ts';

const deps = apiDeps(listCountyDossiers.adapters, { dossiers });

export const handler = apiHandler(listCountyDossiers, ({ query }) => list(query, deps()));
