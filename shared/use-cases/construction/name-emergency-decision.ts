import { DECISION_DUTY } from '#shared/domain/emergency.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * ART15 (and ART10: the head answers for the department's decisions): the department's collective
 * decision to build an emergency project at once (三重一大), named by its head once building has
 * started without it. It fulfils the `emergency-decision` duty the start opened.
 */
export const nameEmergencyDecision = (
  input: { id: string; actor: Actor; documentId: string },
  deps: Pick<Deps, 'projects' | 'documents' | 'obligations' | 'now'>,
): Promise<Project> =>
  retryOnConflict(async () => {
    const { actor } = input;
    const project = await loadForOwner(
      { id: input.id, actor, action: 'emergency-decision', roles: ['dept-head'] },
      deps,
    );
    if (!project.emergency) throw new ConflictError('The project is not an emergency project.');
    const verified = await verifiedDocuments(project.id, [input.documentId], deps);
    if (!verified(input.documentId, 'emergency-decision')) {
      throw new RuleViolationError([
        violation('ART15-EMERGENCY', 'documentId', 'Name a verified emergency-decision document of this project.'),
      ]);
    }
    const at = deps.now().toISOString();
    const done = await fulfil(project, 'ART15-EMERGENCY', [DECISION_DUTY], actor, at, deps);
    return deps.projects.save({
      project,
      at,
      actor,
      action: 'emergency.decision-named',
      set: { emergency: { ...project.emergency, decisionDocumentId: input.documentId } },
      details: { documentId: input.documentId, fulfilled: done.settled.map((o) => o.key) },
      with: done.items,
    });
  });
