import { firstOmYear, omDueDate, omDutyKey } from '#shared/domain/acceptance.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { nextStage } from '#shared/domain/lifecycle.ts';
import { obligationKind } from '#shared/domain/obligation.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { openDuty, startClock } from '../obligations/start-clock.ts';
import type { PendingWrite } from '../ports.ts';
import type { Conclusion } from './conclusion.ts';

const FAILED = { approved: 'accepted', rejected: 'failed', returned: 'returned' } as const;

/**
 * An acceptance round ends. Accepted: `acceptance` → `operations` on `acceptedOn`; ART27's
 * deadline is met; ART29 filing starts with its hold on construction and O&M funds at once
 * (未备案的不得拨付), ART30 self-evaluation starts, and the first yearly O&M report is owed (ART07).
 * Rejected or returned, the owner repeats the preliminary acceptance; a rejection is recorded as a
 * failed acceptance.
 */
export const concludeAcceptance: Conclusion = async ({ project, round, outcome, actor, at }, deps) => {
  const preliminary = (await deps.records.list('preliminary-acceptance', project.id)).find(
    (r) => r.round === round.round,
  );
  const items: PendingWrite[] = preliminary
    ? [deps.records.put('preliminary-acceptance', { ...preliminary, outcome: FAILED[outcome] }, 'any')]
    : [];
  if (outcome !== 'approved') return { set: {}, with: items, details: { acceptance: FAILED[outcome] } };

  const acceptedOn = shanghaiDate(new Date(at));
  const year = firstOmYear(acceptedOn, deps.policy);
  const [deadline, filing, evaluation, report] = await Promise.all([
    fulfil(project, 'ART27-ACCEPTANCE-DEADLINE', 'all', actor, at, deps),
    startClock({ project, code: 'ART29-FILING', key: 'acceptance', from: acceptedOn, at }, deps),
    startClock({ project, code: 'ART30-SELF-EVALUATION', key: 'acceptance', from: acceptedOn, at }, deps),
    startClock(
      {
        project,
        code: 'ART07-OM-FUNDING',
        key: omDutyKey(year),
        from: omDueDate(year, deps.policy),
        detail: `${year}`,
        at,
      },
      deps,
    ),
  ]);
  items.push(...deadline.items, ...[filing, evaluation, report].flatMap((o) => openDuty(o, deps)));
  return {
    set: { stage: nextStage('accept'), acceptedOn },
    with: items,
    details: {
      acceptance: 'accepted',
      acceptedOn,
      filingDue: filing.dueDate,
      selfEvaluationDue: evaluation.dueDate,
      firstOperationsReport: year,
      holds: [{ code: 'ART29-FILING', funds: obligationKind('ART29-FILING').cuts }],
    },
  };
};
