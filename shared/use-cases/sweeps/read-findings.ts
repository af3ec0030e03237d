import { COUNTY_WIDE_ROLES, canSee } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { fundingOf } from '#shared/domain/emergency.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import { daysLate } from '#shared/domain/obligation.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import { RULES, type RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';

const withLateness = (finding: Finding, today: string) => ({
  ...finding,
  daysLate: daysLate(finding.dueDate, finding.resolvedAt ? shanghaiDate(new Date(finding.resolvedAt)) : today),
});

/** Findings: county-wide roles see all; a department sees its own projects' findings. */
export const listFindings = async (
  input: {
    actor: Actor;
    status?: Finding['status'] | undefined;
    projectId?: string | undefined;
    code?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  deps: Pick<Deps, 'findings' | 'projects' | 'now'>,
) => {
  const { actor, projectId, ...filters } = input;
  const today = shanghaiDate(deps.now());
  const countyWide = hasAnyRole(actor, COUNTY_WIDE_ROLES);
  let by: { projectId: string } | { deptId: string } | 'all';
  if (projectId) {
    const project = await deps.projects.get(projectId);
    if (!project || !canSee(actor, project)) return { items: [], nextCursor: null };
    by = { projectId };
  } else if (countyWide) {
    by = 'all';
  } else if (actor.deptId) {
    by = { deptId: actor.deptId };
  } else {
    return { items: [], nextCursor: null };
  }
  const page = await deps.findings.list({ by, ...filters });
  return { items: page.items.map((f) => withLateness(f, today)), nextCursor: page.nextCursor };
};

/**
 * API.md: whether construction and operations funds may be released (`closed` where the project's
 * stage gives none, `held` while a hold stands), and the holds that say why not.
 */
export const projectFunding = async (
  input: { id: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'findings'>,
) => {
  const project = await loadVisible(input.id, input.actor, deps);
  const holds = await deps.findings.holdsOf(input.id);
  const funding = fundingOf(project, holds);
  return {
    construction: funding.construction,
    operations: funding.operations,
    holds: holds.map((h) => ({
      code: h.code,
      article: RULES[h.code as RuleCode]?.article,
      since: h.since,
      funds: h.funds,
    })),
  } as const;
};
