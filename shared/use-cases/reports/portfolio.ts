import { shanghaiDate } from '#shared/domain/calendar.ts';
import { buildPortfolio, registerRows } from '#shared/domain/portfolio.ts';
import type { Portfolio, RegisterRow } from '#shared/domain/report.schema.ts';
import { REVIEWER_ROLES } from '#shared/domain/review-catalogue.ts';
import { stageNameZh } from '#shared/domain/stages.ts';
import type { Deps } from '../deps.ts';

/** The report's year: the one asked for, or this year in Asia/Shanghai. */
export const reportYear = (year: number | undefined, now: Date) => year ?? Number(shanghaiDate(now).slice(0, 4));

/**
 * The county portfolio of one year. Four kinds of query, run together: the year's partition of
 * the register index (grows with the year's projects), the sparse open-findings index and the
 * county's holds (grow with what is open and held), and each review queue up to today (grows with
 * what is late). No scan.
 */
export const portfolio = async (
  input: { year?: number | undefined },
  deps: Pick<Deps, 'register' | 'findings' | 'tasks' | 'now'>,
): Promise<Portfolio> => {
  const now = deps.now();
  const year = reportYear(input.year, now);
  const asOf = shanghaiDate(now);
  const [projects, openFindings, holds, overdue] = await Promise.all([
    deps.register.projectsOfYear(year),
    deps.findings.allOpen(),
    deps.findings.allHolds(),
    Promise.all(REVIEWER_ROLES.map((role) => deps.tasks.overdue(role, asOf))),
  ]);
  return buildPortfolio({ year, asOf, projects, openFindings, holds, overdueTasks: overdue.flat() });
};

/** The project register of one year, as exported (CSV, XLSX): department names and stages in Chinese. */
export const projectRegister = async (
  input: { year?: number | undefined },
  deps: Pick<Deps, 'register' | 'findings' | 'departments' | 'now'>,
): Promise<{ year: number; rows: RegisterRow[] }> => {
  const year = reportYear(input.year, deps.now());
  const [projects, openFindings, departments] = await Promise.all([
    deps.register.projectsOfYear(year),
    deps.findings.allOpen(),
    deps.departments.list(),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const rows = registerRows(projects, openFindings, (id) => names.get(id) ?? id, stageNameZh);
  return { year, rows };
};
