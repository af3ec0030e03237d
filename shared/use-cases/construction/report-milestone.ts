import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { refuseFutureDates, shanghaiDate } from '#shared/domain/calendar.ts';
import {
  type MilestoneReportInput,
  type MilestoneReportSchema,
  milestoneDeviations,
  milestoneDuty,
  refuseReportBeforeStart,
} from '#shared/domain/construction.ts';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { ConflictError, refuseIfAny } from '#shared/domain/errors.ts';
import { spendOverEstimate } from '#shared/domain/money.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { openMoneyFinding } from '../obligations/money-findings.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type Report = z.infer<typeof MilestoneReportSchema>;

/**
 * ART20: the owner reports a milestone against the baseline. A report late against the
 * milestone's due date, above the cumulative planned spend, or of deficient quality is accepted
 * with an ART20-BASELINE warning on the project and its audit trail (one warning per milestone,
 * the latest). The report fulfils the milestone's duty. A cumulative spend above the approved
 * estimate (概算) opens an ART20-BASELINE finding as well: more than a deviation from the plan.
 */
export const reportMilestone = (
  input: { id: string; actor: Actor; report: MilestoneReportInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'findings' | 'idempotency' | 'now'>,
): Promise<Report> =>
  idempotentAction<Report>(
    {
      actor: input.actor,
      scope: 'milestone-report',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.report },
    },
    deps,
    async (remember) => {
      const { actor, report: body } = input;
      refuseFutureDates({ reportedOn: body.reportedOn }, deps.now());
      const project = await loadForOwner({ id: input.id, actor, action: 'milestone' }, deps);
      refuseReportBeforeStart(body.reportedOn, project.constructionStartedAt);
      const [records, verified] = await Promise.all([
        deps.records.all(project.id),
        verifiedDocuments(project.id, [body.reportDocumentId], deps),
      ]);
      const [baseline] = records.baseline;
      refuseHeldDocuments([body.reportDocumentId], records);
      if (!baseline) throw new ConflictError('Construction has no baseline to report against.');
      const { refused, deviations } = milestoneDeviations(body, baseline);
      const found = [
        ...refused,
        ...(body.reportDocumentId && !verified(body.reportDocumentId, 'milestone-report')
          ? [violation('ART20-BASELINE', 'reportDocumentId', 'Name a verified milestone-report document.')]
          : []),
      ];
      refuseIfAny(found);
      const at = deps.now().toISOString();
      const report: Report = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        deviations,
        ...recorded(actor, at),
      };
      const path = `milestones.${body.milestone}`;
      const warning = violation('ART20-BASELINE', path, `Deviation from the baseline: ${deviations.join(', ')}.`);
      const warnings = [
        ...project.warnings.filter((w) => !(w.code === 'ART20-BASELINE' && w.path === path)),
        ...(deviations.length > 0 ? [warning] : []),
      ];
      const duty = await fulfil(project, 'ART20-BASELINE', [milestoneDuty(body.milestone)], actor, at, deps);
      const overEstimate = spendOverEstimate(body, project);
      const finding = overEstimate
        ? await openMoneyFinding(project, overEstimate, { at, today: shanghaiDate(deps.now()) }, deps)
        : [];
      await deps.projects.save({
        project,
        at,
        actor,
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
        with: [deps.records.put('milestone-report', report, 'new'), ...duty.items, ...finding, ...remember(report)],
      });
      return report;
    },
  );
