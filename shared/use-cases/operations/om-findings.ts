import { type OperationsReportInput, omDueDate, omReportKey, operationsFindings } from '#shared/domain/acceptance.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import { obligationKind } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';

const CODES = ['ART07-OM-FUNDING', 'ART26-GOV-CLOUD'] as const;

/**
 * What a year's O&M report finds (ART07, ART26), as findings of that year: a failed item opens
 * (or re-opens) its finding, with an O&M hold for ART07, at once. `cure` also resolves an open
 * finding the report no longer supports, lifting its hold: only the Data Bureau's confirmation
 * cures (ART04 指导监督), never the owner's own report.
 */
export const omFindings = async (
  input: {
    project: Pick<Project, 'id' | 'ownerDeptId' | 'deployment' | 'constructionType'>;
    report: OperationsReportInput;
    at: string;
    cure: boolean;
  },
  deps: Pick<Deps, 'findings' | 'policy'>,
): Promise<{ items: PendingWrite[]; outcomes: Record<string, string> }> => {
  const { project, report, at } = input;
  const found = operationsFindings(report, project, shanghaiDate(new Date(at)));
  const key = omReportKey(report.year);
  const earlierFindings = await deps.findings.getMany(
    project.id,
    CODES.map((code) => ({ code, key })),
  );
  const items: PendingWrite[] = [];
  const outcomes: Record<string, string> = {};
  for (const code of CODES) {
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
        description: `${report.year} 年度运维报告：${now.failed.join(', ')} (the ${report.year} O&M report)`,
        dueDate: omDueDate(report.year, deps.policy),
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
    } else if (!now && earlier?.status === 'open' && input.cure) {
      items.push(
        deps.findings.resolve({ ...earlier, status: 'resolved', resolvedAt: at }),
        ...(earlier.holds.length > 0 ? [deps.findings.lift(earlier)] : []),
      );
      outcomes[code] = 'resolved';
    }
  }
  return { items, outcomes };
};
