import { randomUUID } from 'node:crypto';
import { assertMayExportDossier, newDossier } from '#shared/domain/dossier.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';

/**
 * ART33: takes a project's dossier. The export is an event of the project's audit trail, written
 * with the dossier (`building`) in one transaction, so the archive's own events.jsonl records
 * that it was taken and by whom; the build runs outside the request. Any state of the project
 * builds, a draft with no verified document included: the dossier is the record as it stands.
 */
export const requestDossier = (
  input: { id: string; actor: Actor; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'dossiers' | 'dossierBuilds' | 'idempotency' | 'now'>,
): Promise<{ dossierId: string }> =>
  idempotentAction<{ dossierId: string }>(
    { actor: input.actor, scope: 'dossier', key: input.idempotencyKey, request: { id: input.id } },
    deps,
    async (remember) => {
      const { actor } = input;
      const project = await deps.projects.get(input.id);
      assertMayExportDossier(actor, project);
      const at = deps.now().toISOString();
      const dossier = newDossier({ id: randomUUID(), project, actor, at });
      const answer = { dossierId: dossier.id };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'dossier.requested',
        details: { dossierId: dossier.id },
        with: [deps.dossiers.put(dossier), ...remember(answer)],
      });
      try {
        await deps.dossierBuilds.start({ projectId: project.id, dossierId: dossier.id });
      } catch (error) {
        // A dossier whose build never started must not read `building` for ever.
        await deps.dossiers.settle({ ...dossier, status: 'failed', failure: 'The build could not be started.' });
        throw error;
      }
      return answer;
    },
  );
