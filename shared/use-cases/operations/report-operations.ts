import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import {
  type OperationsReportInput,
  type OperationsReportSchema,
  omDueDate,
  omDutyKey,
} from '#shared/domain/acceptance.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import { hasEnded } from '#shared/domain/lifecycle.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import type { TransactItem } from '#shared/store/transactions.ts';
import { awaitingConfirmation } from '../acceptance/confirmations.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { startClock } from '../obligations/start-clock.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';
import { omFindings } from './om-findings.ts';

type Report = z.infer<typeof OperationsReportSchema>;
type ReportDeps = Pick<
  Deps,
  | 'projects'
  | 'records'
  | 'documents'
  | 'obligations'
  | 'findings'
  | 'calendar'
  | 'idempotency'
  | 'workflows'
  | 'policy'
  | 'now'
>;

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
export const reportOperations = (
  input: { id: string; actor: Actor; report: OperationsReportInput; idempotencyKey?: string | undefined },
  deps: ReportDeps,
): Promise<Report> =>
  idempotentAction<Report>(
    {
      actor: input.actor,
      scope: 'operations-report',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.report },
    },
    deps,
    async (remember) => {
      const { actor, report: body } = input;
      const project = await loadForOwner({ id: input.id, actor, action: 'operations-report' }, deps);
      awaitingConfirmation(project);
      // One read of the project's duties serves this year's, the next year's and the settlement.
      const duties = await deps.obligations.ofProject(project.id);
      const dutyOf = (year: number) => duties.find((o) => o.code === 'ART07-OM-FUNDING' && o.key === omDutyKey(year));
      const duty = dutyOf(body.year);
      if (!duty) throw new ConflictError(`No O&M report is owed for ${body.year} yet; report the years in order.`);
      const ended = hasEnded(project.stage);
      if (ended && (duty.status !== 'open' || duty.foundAt === null)) {
        throw new ConflictError(
          `The project is ${project.stage}; only a year whose report was found late is reported.`,
        );
      }
      const verified = await verifiedDocuments(project.id, [body.evidenceDocumentId], deps);
      if (!verified(body.evidenceDocumentId, 'operations-evidence')) {
        throw new RuleViolationError([
          violation('ART07-OM-FUNDING', 'evidenceDocumentId', 'Name a verified operations-evidence document.'),
        ]);
      }
      const at = deps.now().toISOString();
      const report: Report = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        ...recorded(actor, at),
      };
      const items: TransactItem[] = [deps.records.put('operations-report', report, 'new')];

      // The year's duty awaits the Data Bureau's confirmation, judged by the day it was reported (never
      // found late while it waits); the next year's is owed from now on.
      if (duty.status === 'open')
        items.push(deps.obligations.update({ ...duty, pendingSince: shanghaiDate(new Date(at)) }));
      const next = body.year + 1;
      if (!dutyOf(next) && !ended) {
        const owed = await startClock(
          {
            project,
            code: 'ART07-OM-FUNDING',
            key: omDutyKey(next),
            from: omDueDate(next, deps.policy),
            detail: `${next}`,
            at,
          },
          deps,
        );
        items.push(deps.obligations.open(owed));
      }

      // A failed item is found at once; only the Data Bureau's confirmation cures (ART04 指导监督).
      const { items: found, outcomes } = await omFindings({ project, report: body, at, cure: false }, deps);
      items.push(...found);
      const round = (project.rounds.filing?.round ?? 0) + 1;
      const kind = 'om-report-confirmation' as const;
      await deps.projects.save({
        project,
        at,
        actor,
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
        with: [...items, ...remember(report)],
      });
      await deps.workflows.start({ workflow: 'filing', projectId: project.id, round, kind });
      return report;
    },
  );
