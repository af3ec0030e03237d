import { newFinding } from '#shared/domain/finding.schema.ts';
import type { MoneyFinding } from '#shared/domain/money.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';

/**
 * A finding about money, opened by the change that reveals it (no clock runs out: a budget below
 * the contracts, a spend above the estimate), once while it stands; resolved by the change that
 * cures it (a budget or an estimate re-approved above the figure). Items to write with that change.
 */
export const openMoneyFinding = async (
  project: Pick<Project, 'id' | 'ownerDeptId'>,
  found: MoneyFinding,
  context: { at: string; today: string },
  deps: Pick<Deps, 'findings'>,
): Promise<PendingWrite[]> => {
  const earlier = await deps.findings.get(project.id, found.code, found.key);
  if (earlier?.status === 'open') return [];
  const finding = newFinding(
    { ...found, projectId: project.id, ownerDeptId: project.ownerDeptId, dueDate: context.today, holds: [] },
    context.at,
  );
  return [earlier ? deps.findings.reopen(finding) : deps.findings.open(finding)];
};

/** Resolves the money finding under `code`/`key` if one stands. */
export const resolveMoneyFinding = async (
  project: Pick<Project, 'id'>,
  which: { code: RuleCode; key: string },
  at: string,
  deps: Pick<Deps, 'findings'>,
): Promise<PendingWrite[]> => {
  const earlier = await deps.findings.get(project.id, which.code, which.key);
  return earlier?.status === 'open' ? [deps.findings.resolve({ ...earlier, status: 'resolved', resolvedAt: at })] : [];
};
