import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import {
  type OperationsReportInput,
  type OperationsReportSchema,
  omDueDate,
  omDutyKey,
  omReportKey,
  operationsFindings,
} from '#shared/domain/acceptance.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import { hasEnded } from '#shared/domain/lifecycle.ts';
import { obligationKind } from '#shared/domain/obligation.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import { violation } from '#shared/domain/violation.ts';
import type { TransactItem } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { startClock } from '../obligations/start-clock.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type Report = z.infer<typeof OperationsReportSchema>;
type ReportDeps = Pick<
  Deps,
  'projects' | 'records' | 'documents' | 'obligations' | 'findings' | 'calendar' | 'idempotency' | 'policy' | 'now'
>;

/**
 * ART07, ART26: the yearly O&M report of a project in operations, for the budget year the O&M
 * funds are for. It fulfils that year's duty and writes the next year's. A report that is not on
 * the government cloud, not sharing data or not collaborating as declared opens an ART07 finding
 * with an O&M hold at once (and ART26 for a system still off the government cloud); a later
 * report for that year with all three true supersedes it, resolving the findings and lifting the
 * hold at once. A year is reported once its duty is written (the years in order).
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

      // The year's duty is met by reporting; the next year's is owed from then on.
      const fulfilled = await fulfil(project, 'ART07-OM-FUNDING', [duty.key], actor, at, deps, duties);
      items.push(...fulfilled.items);
      const next = body.year + 1;
      if (fulfilled.settled.length > 0 && !dutyOf(next) && !ended) {
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

      // What this report finds replaces what the year's earlier report found.
      const found = operationsFindings(body, project);
      const key = omReportKey(body.year);
      const outcomes: Record<string, string> = {};
      const codes = ['ART07-OM-FUNDING', 'ART26-GOV-CLOUD'] as const;
      const earlierFindings = await deps.findings.getMany(
        project.id,
        codes.map((code) => ({ code, key })),
      );
      for (const code of codes) {
        const earlier = earlierFindings.find((f) => f.code === code);
        const now = found.find((f) => f.code === code);
        const funds = code === 'ART07-OM-FUNDING' ? [...obligationKind(code).cuts] : [];
        if (now && earlier?.status !== 'open') {
          const finding: Finding = {
            id: `${project.id}.${code}.${key}`,
            projectId: project.id,
            ownerDeptId: project.ownerDeptId,
            code,
            article: RULES[code].article,
            key,
            description: `${body.year} 年度运维报告：${now.failed.join(', ')} (the ${body.year} O&M report)`,
            dueDate: omDueDate(body.year, deps.policy),
            status: 'open',
            openedAt: at,
            resolvedAt: null,
            holds: funds,
          };
          items.push(
            earlier ? deps.findings.reopen(finding) : deps.findings.open(finding),
            ...(funds.length > 0 ? [deps.findings.hold({ projectId: project.id, code, key, funds, since: at })] : []),
          );
          outcomes[code] = 'opened';
        } else if (!now && earlier?.status === 'open') {
          items.push(
            deps.findings.resolve({ ...earlier, status: 'resolved', resolvedAt: at }),
            ...(earlier.holds.length > 0 ? [deps.findings.lift(earlier)] : []),
          );
          outcomes[code] = 'resolved';
        }
      }
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'operations.reported',
        details: {
          reportId: report.id,
          year: body.year,
          onGovCloud: body.onGovCloud,
          dataSharedAsDeclared: body.dataSharedAsDeclared,
          collaboratingAsDeclared: body.collaboratingAsDeclared,
          findings: outcomes,
        },
        with: [...items, ...remember(report)],
      });
      return report;
    },
  );
