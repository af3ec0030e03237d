import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';
import { awaitingConfirmation } from './confirmations.ts';

/**
 * ART29: the owner files its acceptance report (竣工验收报告等材料) with the Data Bureau, which
 * confirms it (ART04 指导监督): the filing opens a `filing-confirmation` task, and only its approval
 * fulfils the duty, sets `filedOn` (the day the owner filed) and releases the construction and O&M
 * funds held since acceptance. While it waits the duty is judged by the day it was filed, so a
 * filing in time is never found late; a return keeps the duty and the hold, and the owner files
 * again. Never before acceptance, never twice once confirmed.
 */
export const fileAcceptance = (
  input: { id: string; actor: Actor; acceptanceReportDocumentId: string },
  deps: Pick<Deps, 'projects' | 'documents' | 'obligations' | 'workflows' | 'now'>,
): Promise<Project> =>
  retryOnConflict(async () => {
    const { actor } = input;
    const project = await loadForOwner({ id: input.id, actor, action: 'acceptance-filing' }, deps);
    if (project.filedOn) throw new ConflictError(`The acceptance report was filed on ${project.filedOn}.`);
    awaitingConfirmation(project);
    const verified = await verifiedDocuments(project.id, [input.acceptanceReportDocumentId], deps);
    if (!verified(input.acceptanceReportDocumentId, 'acceptance-report')) {
      throw new RuleViolationError([
        violation('ART29-FILING', 'acceptanceReportDocumentId', 'Name a verified acceptance-report document.'),
      ]);
    }
    const at = deps.now().toISOString();
    const filedOn = shanghaiDate(new Date(at));
    const duty = (await deps.obligations.ofProject(project.id)).find(
      (o) => o.code === 'ART29-FILING' && o.status === 'open',
    );
    const round = (project.rounds.filing?.round ?? 0) + 1;
    const kind = 'filing-confirmation' as const;
    const saved = await deps.projects.save({
      project,
      at,
      actor,
      action: 'acceptance.filed',
      set: {
        rounds: {
          ...project.rounds,
          filing: runningRound(round, null, { kind, subjectId: input.acceptanceReportDocumentId }),
        },
      },
      details: { acceptanceReportDocumentId: input.acceptanceReportDocumentId, filedOn, awaiting: kind, round },
      with: duty ? [deps.obligations.update({ ...duty, pendingSince: filedOn })] : [],
    });
    await deps.workflows.start({ workflow: 'filing', projectId: project.id, round, kind });
    return saved;
  });
