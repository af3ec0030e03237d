import type * as z from 'zod';
import { refuseFutureDates, shanghaiDate } from '#shared/domain/calendar.ts';
import {
  type MilestoneReportInput,
  type MilestoneReportSchema,
  milestoneDeviations,
  milestoneDuty,
  refuseReportBeforeStart,
} from '#shared/domain/construction.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { spendOverEstimate } from '#shared/domain/money.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { openMoneyFinding } from '../obligations/money-findings.ts';
import { documentsVerified, type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type Report = z.infer<typeof MilestoneReportSchema>;
type MilestoneDeps = PhaseDeps & Pick<Deps, 'findings'>;
const phase = PHASES['milestone-report'];

/**
 * ART20: the owner reports a milestone against the baseline. A report late against the
 * milestone's due date, above the cumulative planned spend, or of deficient quality is accepted
 * with an ART20-BASELINE warning on the project and its audit trail (one warning per milestone,
 * the latest). The report fulfils the milestone's duty. A cumulative spend above the approved
 * estimate (概算) opens an ART20-BASELINE finding as well: more than a deviation from the plan.
 */
export const MILESTONE_REPORT: PhaseStep<'milestone-report', MilestoneReportInput, MilestoneDeps> = {
  phase,
  scope: 'milestone-report',
  precheck: (body, now) => refuseFutureDates({ reportedOn: body.reportedOn }, now),
  refuse: ({ body, project, records }) => {
    refuseReportBeforeStart(body.reportedOn, project.constructionStartedAt);
    if (!records.baseline[0]) throw new ConflictError('Construction has no baseline to report against.');
  },
  violations: (filing) => {
    const [baseline] = filing.records.baseline;
    return [
      ...(baseline ? milestoneDeviations(filing.body, baseline).refused : []),
      ...documentsVerified(phase)(filing),
    ];
  },
  answers: ({ body }) => [milestoneDuty(body.milestone)],
  build: ({ body, records }, base) => {
    const [baseline] = records.baseline;
    return { ...body, ...base, deviations: baseline ? milestoneDeviations(body, baseline).deviations : [] };
  },
  effects: async ({ body, project, at, now }, report, _, deps) => {
    const { deviations } = report;
    const path = `milestones.${body.milestone}`;
    const warning = violation('ART20-BASELINE', path, `Deviation from the baseline: ${deviations.join(', ')}.`);
    const warnings = [
      ...project.warnings.filter((w) => !(w.code === 'ART20-BASELINE' && w.path === path)),
      ...(deviations.length > 0 ? [warning] : []),
    ];
    const overEstimate = spendOverEstimate(body, project);
    const finding = overEstimate
      ? await openMoneyFinding(project, overEstimate, { at, today: shanghaiDate(now) }, deps)
      : [];
    return {
      action: 'construction.milestone-reported',
      set: { warnings },
      details: {
        reportId: report.id,
        milestone: body.milestone,
        progressPercent: body.progressPercent,
        spentFen: body.spentFen,
        quality: body.quality,
        deviations,
        ...(deviations.length > 0 ? { warning: 'ART20-BASELINE' } : {}),
        ...(finding.length > 0 ? { finding: overEstimate?.code, findingKey: overEstimate?.key } : {}),
      },
      with: finding,
    };
  },
};

export const reportMilestone = (
  input: { id: string; actor: Actor; report: MilestoneReportInput; idempotencyKey?: string | undefined },
  deps: MilestoneDeps,
): Promise<Report> => recordPhase(MILESTONE_REPORT, { ...input, body: input.report }, deps);
