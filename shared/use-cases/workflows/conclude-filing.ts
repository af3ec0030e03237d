import { MIGRATION_DUTY_KEY, omDutyKey } from '#shared/domain/acceptance.ts';
import { obligationKind } from '#shared/domain/obligation.ts';
import { REVIEWS } from '#shared/domain/review-catalogue.ts';
import { taskId } from '#shared/domain/workflow.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { omFindings } from '../operations/om-findings.ts';
import type { PendingWrite } from '../ports.ts';
import type { Conclusion } from './conclusion.ts';

/**
 * The Data Bureau's confirmation of what the owner filed ends (ART04 指导监督). A filing of the
 * acceptance report approved fulfils ART29: `filedOn` is the day the owner filed it (lateness is
 * judged by that day) and the construction and O&M funds are released. A yearly O&M report
 * approved fulfils its year's ART07 duty; its findings are cured, and the O&M hold lifted, only
 * when the report and the bureau's every item say so (an item the bureau finds not ok is found at
 * once); one confirmed on the government cloud meets an O&M project's migration duty. Returned, the duty stays owed as it was before it was answered, its hold with it.
 */
export const concludeFiling: Conclusion = async ({ project, round, outcome, actor, at }, deps) => {
  if (!round.kind || !round.subjectId) return { set: {}, with: [], details: {} };
  const approved = outcome === 'approved';
  const duties = await deps.obligations.ofProject(project.id);
  // The duty the confirmation fulfils is its review's rule: ART29's filing, or ART07's yearly report.
  const code = REVIEWS[round.kind].rule;
  const report =
    obligationKind(code).yearly !== false
      ? await deps.records.get('operations-report', project.id, round.subjectId)
      : undefined;
  const duty = duties.find(
    (o) => o.code === code && o.status === 'open' && (!report || o.key === omDutyKey(report.year)),
  );
  if (!approved) {
    // The answer is not accepted: the duty is owed again from its own due date, found late as any other.
    const items: PendingWrite[] = duty ? [deps.obligations.update({ ...duty, pendingSince: null })] : [];
    return { set: {}, with: items, details: { confirmation: round.kind, outcome } };
  }
  const filed = duty ? await fulfil(project, code, [duty.key], actor, at, deps, duties) : { items: [], settled: [] };
  if (!report) {
    return {
      set: { filedOn: duty?.pendingSince ?? project.filedOn },
      with: [
        ...filed.items,
        ...filed.settled.map((o) => deps.findings.lift({ projectId: project.id, code: o.code, key: o.key })),
      ],
      details: { confirmation: round.kind, filedOn: duty?.pendingSince ?? null, holdsLifted: [code] },
    };
  }
  const task = await deps.tasks.get(taskId(project.id, 'filing', round.round, round.kind));
  const checked = (item: 'onGovCloud' | 'dataSharedAsDeclared' | 'collaboratingAsDeclared') =>
    report[item] && task?.decision?.checklist[item]?.ok !== false;
  const confirmed = {
    ...report,
    onGovCloud: checked('onGovCloud'),
    dataSharedAsDeclared: checked('dataSharedAsDeclared'),
    collaboratingAsDeclared: checked('collaboratingAsDeclared'),
  };
  const found = await omFindings({ project, report: confirmed, at, cure: true }, deps);
  // ART07: a system confirmed on the government cloud has migrated as its plan required (the sweep
  // then resolves a migration found late and lifts its hold).
  const migrated = confirmed.onGovCloud
    ? await fulfil(project, code, [MIGRATION_DUTY_KEY], actor, at, deps, duties)
    : { items: [] };
  return {
    set: {},
    with: [...filed.items, ...found.items, ...migrated.items],
    details: { confirmation: round.kind, year: report.year, findings: found.outcomes },
  };
};
