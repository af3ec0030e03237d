import * as z from 'zod';
import { departments } from '#shared/store/department-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { dossierArchiveOf } from '#shared/store/dossier-archive.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { dossierSigner } from '#shared/store/dossier-signer.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { dossierBuilderDeps } from '#shared/use-cases/deps.ts';
import { buildDossier, recordDossierFailure } from '#shared/use-cases/dossiers/build-dossier.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { TRIGGER_ADAPTERS } from '../trigger-adapters.ts';

const deps = dossierBuilderDeps(TRIGGER_ADAPTERS.dossierBuilder, {
  departments,
  documents,
  dossierArchive: dossierArchiveOf,
  dossierSigner,
  dossiers,
  findings,
  obligations,
  projects,
  records,
  tasks,
});

/** The builder's name and version, which every manifest names (bundled from package.json at build time). */
const BUILDER = { name: packageJson.name, version: packageJson.version };

const DossierStepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('build'), projectId: z.string(), dossierId: z.string() }),
  z.object({ step: z.literal('record-failure'), projectId: z.string(), dossierId: z.string() }),
]);

/** The dossier workflow's task: build the archive, or record that the build failed for good. */
export const handler = async (event: unknown) => {
  const step = DossierStepSchema.parse(event);
  switch (step.step) {
    case 'build': {
      const dossier = await buildDossier(step, { ...deps(), builder: BUILDER });
      return { status: dossier.status, sha256: dossier.sha256 ?? null };
    }
    case 'record-failure':
      await recordDossierFailure(step, deps());
      return { status: 'failed' };
    default:
      return step satisfies never;
  }
};
