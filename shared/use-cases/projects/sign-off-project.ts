import { assertOwner } from '#shared/domain/access.ts';
import { RuleViolationError } from '#shared/domain/errors.ts';
import { assertStage } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { verifiedDocument } from './owner-action.ts';
import { loadVisible } from './project-access.ts';

/**
 * ART10: the owner department's head (第一责任人) signs the internal compliance review, which
 * must be a verified `internal-compliance-review` document of this project.
 */
const signOffProjectOnce = async (
  input: { id: string; actor: Actor; internalReviewDocumentId: string },
  deps: Pick<Deps, 'projects' | 'documents' | 'now'>,
): Promise<Project> => {
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project, ['dept-head']);
  assertStage('sign-off', project);
  const document = await verifiedDocument(
    project.id,
    input.internalReviewDocumentId,
    'internal-compliance-review',
    deps,
  );
  if (!document) {
    throw new RuleViolationError([
      violation(
        'ART10-HEAD-SIGNOFF',
        'internalReviewDocumentId',
        'It must name a verified internal-compliance-review document of this project.',
      ),
    ]);
  }
  const at = deps.now().toISOString();
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'project.signed-off',
    at,
    set: { signOff: { by: input.actor.sub, name: input.actor.name, at, internalReviewDocumentId: document.id } },
    details: { internalReviewDocumentId: document.id, documentSha256: document.sha256 },
  });
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const signOffProject = (
  input: Parameters<typeof signOffProjectOnce>[0],
  deps: Parameters<typeof signOffProjectOnce>[1],
) => retryOnConflict(() => signOffProjectOnce(input, deps));
