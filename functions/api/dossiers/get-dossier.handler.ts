import { apiHandler } from '#shared/http/api-handler.ts';
import { dossierArchiveOf } from '#shared/store/dossier-archive.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getDossier as get } from '#shared/use-cases/dossiers/read-dossiers.ts';
import { getDossier } from './routes.ts';

const deps = apiDeps(getDossier.adapters, { dossierArchive: dossierArchiveOf, dossiers, projects });

export const handler = apiHandler(getDossier, ({ actor, params }) =>
  get({ id: params.id, dossierId: params.dossierId, actor }, deps()),
);
