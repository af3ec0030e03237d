import { daysLate } from './obligation.ts';
import type { Portfolio, ProjectSummary, RegisterRow } from './report.schema.ts';
import { RULES, type RuleCode } from './rules/catalog.ts';
import { hasBeenApproved, STAGE_TABLE, type Stage } from './stages.ts';

/**
 * A project counts as approved investment from `approved` on, as the stage table says of each
 * stage (a new stage is one row there); a stage name this release does not know never counts.
 */
export const isApproved = (project: Pick<ProjectSummary, 'stage'>) =>
  Object.hasOwn(STAGE_TABLE, project.stage) && hasBeenApproved(project.stage as Stage);

/** The money a project was approved for: the finance review's budget (ART14) where there is one. */
export const approvedFen = (project: ProjectSummary) =>
  isApproved(project) ? (project.approvedBudgetFen ?? project.totalInvestmentFen) : 0;

export interface OpenFindingFact {
  readonly projectId: string;
  readonly code: string;
  readonly openedAt: string;
}

export interface FundingHoldFact {
  readonly projectId: string;
  readonly code: string;
  readonly funds: readonly string[];
  readonly since: string;
}

export interface OverdueTaskFact {
  readonly id: string;
  readonly kind: string;
  readonly role: string;
  readonly projectId: string;
  readonly dueDate: string;
}

const tally = <K extends string>(keys: Iterable<K>) => {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

const byCountThenName = <T extends { name: string; n: number }>(a: T, b: T) =>
  b.n - a.n || a.name.localeCompare(b.name);

/**
 * The portfolio of one year from what the report read: the year's projects, the county's open
 * findings, funding holds and overdue reviews (only those of the year's projects count). A hold is
 * what stops the money, whether a finding opened it or the measures hold from the start (ART29:
 * from acceptance until the report is filed), so the holds are read as they are, not inferred
 * from findings. Pure: `asOf` is given.
 */
export const buildPortfolio = (input: {
  year: number;
  asOf: string;
  projects: readonly ProjectSummary[];
  openFindings: readonly OpenFindingFact[];
  holds: readonly FundingHoldFact[];
  overdueTasks: readonly OverdueTaskFact[];
}): Portfolio => {
  const projects = new Map(input.projects.map((p) => [p.id, p]));
  const findings = input.openFindings.filter((f) => projects.has(f.projectId));
  const overdue = input.overdueTasks.filter((t) => projects.has(t.projectId) && t.dueDate < input.asOf);

  const departments = new Map<string, { projects: number; declaredFen: number; approvedFen: number }>();
  const investment = new Map<string, { projects: number; approvedFen: number }>();
  for (const project of input.projects) {
    const dept = departments.get(project.ownerDeptId) ?? { projects: 0, declaredFen: 0, approvedFen: 0 };
    dept.projects += 1;
    dept.declaredFen += project.totalInvestmentFen;
    dept.approvedFen += approvedFen(project);
    departments.set(project.ownerDeptId, dept);
    if (isApproved(project)) {
      const row = investment.get(project.category) ?? { projects: 0, approvedFen: 0 };
      row.projects += 1;
      row.approvedFen += approvedFen(project);
      investment.set(project.category, row);
    }
  }

  const held = input.holds.filter((h) => projects.has(h.projectId) && h.funds.length > 0);
  const heldProjects = (fund?: string) =>
    new Set(held.filter((h) => fund === undefined || h.funds.includes(fund)).map((h) => h.projectId)).size;
  const codeOf = (projectId: string) => projects.get(projectId)?.code ?? projectId;

  return {
    year: input.year,
    asOf: input.asOf,
    projects: input.projects.length,
    declaredFen: input.projects.reduce((sum, p) => sum + p.totalInvestmentFen, 0),
    byStage: [...tally(input.projects.map((p) => p.stage))]
      .map(([stage, n]) => ({ name: stage, n }))
      .sort(byCountThenName)
      .map(({ name, n }) => ({ stage: name, projects: n })),
    byDepartment: [...departments]
      .map(([deptId, d]) => ({ deptId, ...d }))
      .sort((a, b) => b.projects - a.projects || a.deptId.localeCompare(b.deptId)),
    approvedInvestment: [...investment]
      .map(([category, row]) => ({ year: input.year, category, ...row }))
      .sort((a, b) => b.approvedFen - a.approvedFen || a.category.localeCompare(b.category)),
    openFindings: [...tally(findings.map((f) => f.code))]
      .map(([code, n]) => ({ name: code, n }))
      .sort(byCountThenName)
      .map(({ name, n }) => ({ code: name, article: RULES[name as RuleCode]?.article ?? null, findings: n })),
    fundingHolds: {
      projects: heldProjects(),
      construction: heldProjects('construction'),
      operations: heldProjects('operations'),
      items: held
        .map((h) => ({
          projectId: h.projectId,
          projectCode: codeOf(h.projectId),
          code: h.code,
          funds: [...h.funds],
          since: h.since,
        }))
        .sort((a, b) => a.since.localeCompare(b.since)),
    },
    overdueReviews: {
      count: overdue.length,
      items: overdue
        .map((t) => ({
          taskId: t.id,
          kind: t.kind,
          role: t.role,
          projectId: t.projectId,
          projectCode: codeOf(t.projectId),
          dueDate: t.dueDate,
          daysOverdue: daysLate(t.dueDate, input.asOf),
        }))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    },
  };
};

/** The register rows of a year, in code order, each with its count of open findings. */
export const registerRows = (
  projects: readonly ProjectSummary[],
  openFindings: readonly Pick<OpenFindingFact, 'projectId'>[],
  departmentName: (deptId: string) => string,
  stageName: (stage: string) => string,
): RegisterRow[] => {
  const open = tally(openFindings.map((f) => f.projectId));
  return [...projects]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((p) => ({
      code: p.code,
      name: p.name,
      department: departmentName(p.ownerDeptId),
      stage: stageName(p.stage),
      declaredFen: p.totalInvestmentFen,
      approvedBudgetFen: p.approvedBudgetFen,
      openFindings: open.get(p.id) ?? 0,
    }));
};
