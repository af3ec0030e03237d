import type * as z from 'zod';
import {
  type OperationsReportInput,
  type OperationsReportSchema,
  omDueDate,
  omDutyKey,
} from '#shared/domain/acceptance.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { hasEnded } from '#shared/domain/stages.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import { awaitingConfirmation } from '../acceptance/confirmations.ts';
import type { Deps } from '../deps.ts';
import { startClock } from '../obligations/start-clock.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';
import { omFindings } from './om-findings.ts';

type Report = z.infer<typeof OperationsReportSchema>;
type ReportDeps = PhaseDeps & Pick<Deps, 'findings' | 'calendar' | 'workflows' | 'policy'>;

const dutyOf = (duties: readonly Obligation[], year: number) =>
  duties.find((o) => o.code === 'ART07-OM-FUNDING' && o.key === omDutyKey(year));

/**
 * ART07, ART26: the yearly O&M report of a project in operations, for the budget year the O&M
 * funds are for. It opens the Data Bureau's `om-report-confirmation` (ART04 指导监督), whose
 * approval alone fulfils the year's duty; meanwhile the duty is judged by the day it was reported,
 * and the next year's is written now. A report that is not on the government cloud, not sharing
 * data or not collaborating as declared opens an ART07 finding with an O&M hold at once (and ART26
 * for a system still off the government cloud); a later report for that year with all three true
 * cures them only once the bureau confirms it. A year is reported once its duty is written (the
 * years in order); a decommissioned project reports only a year already found late.
 */
export const OPERATIONS_REPORT: PhaseStep<'operations-report', OperationsReportInput, ReportDeps> = {
  phase: PHASES['operations-report'],
  scope: 'operations-report',
  refuse: async ({ body, project, duties }) => {
    awaitingConfirmation(project);
    const duty = dutyOf(await duties(), body.year);
    if (!duty) throw new ConflictError(`No O&M report is owed for ${body.year} yet; report the years in order.`);
    if (hasEnded(project.stage) && (duty.status !== 'open' || duty.foundAt === null)) {
      throw new ConflictError(`The project is ${project.stage}; only a year whose report was found late is reported.`);
    }
  },
  build: ({ body }, base) => ({ ...body, ...base }),
  effects: async ({ body, project, at, ...filing }, report, _, deps) => {
    // One read of the project's duties serves the refusals, this year's and the next year's.
    const duties = await filing.duties();
    const duty = dutyOf(duties, body.year);
    // The year's duty awaits the Data Bureau's confirmation, judged by the day it was reported (never
    // found late while it waits); the next year's is owed from now on.
    const pending =
      duty?.status === 'open' ? [deps.obligations.update({ ...duty, pendingSince: shanghaiDate(new Date(at)) })] : [];
    const next = body.year + 1;
    const owed =
      !dutyOf(duties, next) && !hasEnded(project.stage)
        ? [
            deps.obligations.open(
              await startClock(
                {
                  project,
                  code: 'ART07-OM-FUNDING',
                  key: omDutyKey(next),
                  from: omDueDate(next, deps.policy),
                  detail: `${next}`,
                  at,
                },
                deps,
              ),
            ),
          ]
        : [];
    // A failed item is found at once; only the Data Bureau's confirmation cures (ART04 指导监督).
    const { items: found, outcomes } = await omFindings({ project, report: body, at, cure: false }, deps);
    const round = (project.rounds.filing?.round ?? 0) + 1;
    const kind = 'om-report-confirmation' as const;
    return {
      action: 'operations.reported',
      set: { rounds: { ...project.rounds, filing: runningRound(round, null, { kind, subjectId: report.id }) } },
      details: {
        awaiting: kind,
        round,
        reportId: report.id,
        year: body.year,
        onGovCloud: body.onGovCloud,
        dataSharedAsDeclared: body.dataSharedAsDeclared,
        collaboratingAsDeclared: body.collaboratingAsDeclared,
        findings: outcomes,
      },
      with: [...pending, ...owed, ...found],
    };
  },
  after: async (project, _, deps) => {
    const round = (project.rounds.filing?.round ?? 0) + 1;
    await deps.workflows.start({ workflow: 'filing', projectId: project.id, round, kind: 'om-report-confirmation' });
  },
};

export const reportOperations = (
  input: { id: string; actor: Actor; report: OperationsReportInput; idempotencyKey?: string | undefined },
  deps: ReportDeps,
): Promise<Report> => recordPhase(OPERATIONS_REPORT, { ...input, body: input.report }, deps);
