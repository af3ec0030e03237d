import {
  DRILL_CANDIDATE_STAGES,
  DRILL_DUTY,
  departmentDutyId,
  drillDueDate,
  drillFinding,
  owesDrills,
  owingSinceOf,
} from '#shared/domain/drills.ts';
import type { Deps } from '../deps.ts';

type DrillDeps = Pick<Deps, 'projects' | 'departments' | 'findings' | 'policy' | 'now'>;

/**
 * ART24 定期组织演练, in the nightly sweep: every department with a project building or in
 * operations owes a drill within the policy's window; one late is one ART24-SECURITY finding for
 * the department (not one per project), and a drill since resolves it. No funds are held.
 */
export const sweepDrills = async (
  asOf: string,
  deps: DrillDeps,
): Promise<{ opened: number; resolved: number; itemsRead: number }> => {
  const at = deps.now().toISOString();
  const owingSince = new Map<string, string>();
  let itemsRead = 0;
  for (const stage of DRILL_CANDIDATE_STAGES) {
    let cursor: string | undefined;
    do {
      const page = await deps.projects.list({ by: { stage }, limit: 200, cursor });
      itemsRead += page.items.length;
      for (const project of page.items.filter(owesDrills)) {
        const since = owingSinceOf(project);
        const earlier = owingSince.get(project.ownerDeptId);
        if (earlier === undefined || since < earlier) owingSince.set(project.ownerDeptId, since);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  let opened = 0;
  let resolved = 0;
  for (const [deptId, since] of owingSince) {
    const [drills, standing] = await Promise.all([
      deps.departments.drills(deptId),
      deps.findings.get(departmentDutyId(deptId), 'ART24-SECURITY', DRILL_DUTY),
    ]);
    itemsRead += drills.length + 1;
    const due = drillDueDate(since, drills, deps.policy.drillWindowMonths);
    const late = due < asOf;
    if (late && standing?.status !== 'open') {
      const finding = drillFinding(deptId, due, at, deps.policy.drillWindowMonths);
      if (await deps.findings.write([standing ? deps.findings.reopen(finding) : deps.findings.open(finding)])) opened++;
    } else if (!late && standing?.status === 'open') {
      const cured = { ...standing, status: 'resolved' as const, resolvedAt: at };
      if (await deps.findings.write([deps.findings.resolve(cured)])) resolved++;
    }
  }
  return { opened, resolved, itemsRead };
};
