import { shanghaiDate } from '#shared/domain/calendar.ts';
import { type DecommissionInput, decommissionViolations } from '#shared/domain/decommission.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import { nextStage } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { cancel } from '../obligations/settle-obligations.ts';
import { startClock } from '../obligations/start-clock.ts';
import { loadForOwner } from '../projects/owner-action.ts';

/**
 * ART32: the owner's head retires a system in operations on an expert argument and then a
 * collective decision, and it is filed with the Data Bureau (停用备案): `operations` →
 * `decommissioned`. The disposal report is due within 30 days; no more O&M reports are owed, but
 * a year's report already found late stays owed, and its hold on O&M funds with it: retiring the
 * system does not cure what was found (ART07).
 */
export const decommission = (
  input: { id: string; actor: Actor; decommission: DecommissionInput },
  deps: Pick<Deps, 'projects' | 'documents' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Project> =>
  retryOnConflict(async () => {
    const { actor, decommission: body } = input;
    const project = await loadForOwner({ id: input.id, actor, action: 'decommission', roles: ['dept-head'] }, deps);
    const documents = await deps.documents.getMany(project.id, [
      body.expertOpinionDocumentId,
      body.collectiveDecisionDocumentId,
    ]);
    refuseIfAny(decommissionViolations(body, documents));
    const now = deps.now();
    const at = now.toISOString();
    const decommissionedOn = shanghaiDate(now);
    const duties = await deps.obligations.ofProject(project.id);
    const notFound = duties.filter((o) => o.code === 'ART07-OM-FUNDING' && o.foundAt === null).map((o) => o.key);
    const [disposal, reports] = await Promise.all([
      startClock({ project, code: 'ART32-DISPOSAL-REPORT', key: 'decommission', from: decommissionedOn, at }, deps),
      cancel(project, 'ART07-OM-FUNDING', notFound, actor, at, deps, duties),
    ]);
    return deps.projects.save({
      project,
      at,
      actor,
      action: 'operations.decommissioned',
      set: { stage: nextStage('decommission'), decommissionedOn },
      details: {
        reason: body.reason,
        expertOpinionDocumentId: body.expertOpinionDocumentId,
        collectiveDecisionDocumentId: body.collectiveDecisionDocumentId,
        filedWithDataBureau: true,
        disposalReportDue: disposal.dueDate,
        reportsNoLongerOwed: reports.settled.map((o) => o.key),
      },
      with: [deps.obligations.open(disposal), ...reports.items],
    });
  });
