import { type Dossier, type DossierView, dossierFileName, dossierObjectKey } from '#shared/domain/dossier.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';
import { loadVisible } from '../projects/project-access.ts';
import type { DossierJwk } from './dossier-ports.ts';

const view = ({ failure: _failure, ...dossier }: Dossier): DossierView => ({ dossierId: dossier.id, ...dossier });

/** One dossier of a project the caller sees: its status and, once ready, a presigned download. */
export const getDossier = async (
  input: { id: string; dossierId: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'dossiers' | 'dossierArchive'>,
): Promise<DossierView> => {
  const project = await loadVisible(input.id, input.actor, deps);
  const dossier = await deps.dossiers.get(project.id, input.dossierId);
  if (!dossier) throw new NotFoundError('No such dossier.');
  if (dossier.status !== 'ready') return view(dossier);
  return {
    ...view(dossier),
    download: await deps.dossierArchive.presignDownload(dossierObjectKey(dossier), dossierFileName(dossier)),
  };
};

/** The dossiers taken of a project, oldest first. */
export const listDossiers = async (
  input: { id: string; actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'projects' | 'dossiers'>,
): Promise<Page<DossierView>> => {
  const project = await loadVisible(input.id, input.actor, deps);
  const page = await deps.dossiers.page(project.id, input);
  return { ...page, items: page.items.map(view) };
};

/** Every dossier taken in the county, oldest first: the Audit Bureau's view. */
export const listCountyDossiers = async (
  input: { limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'dossiers'>,
): Promise<Page<DossierView>> => {
  const page = await deps.dossiers.countyPage(input);
  return { ...page, items: page.items.map(view) };
};

/** The public keys that sign dossiers, as a JWKS (no token: an auditor verifies with them). */
export const dossierKeys = async (deps: Pick<Deps, 'dossierSigner'>): Promise<{ keys: DossierJwk[] }> => ({
  keys: await deps.dossierSigner.publicKeys(),
});
