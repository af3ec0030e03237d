import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * ART29: the owner files its acceptance report (竣工验收报告等材料) with the Data Bureau; the
 * construction and O&M funds held since acceptance are released at once. Filed once; never before
 * acceptance.
 */
export const fileAcceptance = (
  input: { id: string; actor: Actor; acceptanceReportDocumentId: string },
  deps: Pick<Deps, 'projects' | 'documents' | 'obligations' | 'findings' | 'now'>,
): Promise<Project> =>
  retryOnConflict(async () => {
    const { actor } = input;
    const project = await loadForOwner({ id: input.id, actor, action: 'acceptance-filing' }, deps);
    if (project.filedOn) throw new ConflictError(`The acceptance report was filed on ${project.filedOn}.`);
    const verified = await verifiedDocuments(project.id, [input.acceptanceReportDocumentId], deps);
    if (!verified(input.acceptanceReportDocumentId, 'acceptance-report')) {
      throw new RuleViolationError([
        violation('ART29-FILING', 'acceptanceReportDocumentId', 'Name a verified acceptance-report document.'),
      ]);
    }
    const at = deps.now().toISOString();
    const filed = await fulfil(project, 'ART29-FILING', 'all', actor, at, deps);
    return deps.projects.save({
      project,
      at,
      actor,
      action: 'acceptance.filed',
      set: { filedOn: shanghaiDate(new Date(at)) },
      details: { acceptanceReportDocumentId: input.acceptanceReportDocumentId, holdsLifted: ['ART29-FILING'] },
      with: [
        ...filed.items,
        ...filed.settled.map((o) => deps.findings.lift({ projectId: project.id, code: o.code, key: o.key })),
      ],
    });
  });
