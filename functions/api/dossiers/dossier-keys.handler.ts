import { apiHandler } from '#shared/http/api-handler.ts';
import { dossierSigner } from '#shared/store/dossier-signer.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { dossierKeys as keys } from '#shared/use-cases/dossiers/read-dossiers.ts';
import { dossierKeys } from './routes.ts';

const deps = apiDeps(dossierKeys.adapters, { dossierSigner });

export const handler = apiHandler(dossierKeys, () => keys(deps()));
