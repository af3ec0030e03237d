import { addMonths, shanghaiDate } from './calendar.ts';
import type { SecurityDrill } from './construction.ts';
import { type Finding, newFinding } from './finding.schema.ts';
import type { Project } from './project.schema.ts';
import { STAGE_TABLE, STAGES, type Stage } from './stages.ts';

/**
 * ART24 定期组织演练: each department with a project building or in operations drills its security
 * emergency plan periodically — at least once in the policy's `drillWindowMonths` (the measures
 * set no period). It is the department's duty, not a project's: the sweep finds it late as one
 * ART24-SECURITY finding per department, a drill resolves it, and it holds no funds.
 */

/** Stages whose projects make their department owe drills, besides an emergency project building before approval. */
const BUILT_OR_BUILDING: readonly Stage[] = ['construction', 'acceptance', 'operations'];

/** The stages the sweep reads to find the departments that owe drills. */
export const DRILL_CANDIDATE_STAGES: readonly Stage[] = STAGES.filter(
  (stage) => BUILT_OR_BUILDING.includes(stage) || STAGE_TABLE[stage].approvalTrack,
);

/** Whether a project makes its department owe drills (ART15: an emergency project building before approval too). */
export const owesDrills = (project: Pick<Project, 'stage' | 'constructionStartedAt'>): boolean =>
  BUILT_OR_BUILDING.includes(project.stage) ||
  (STAGE_TABLE[project.stage].approvalTrack && project.constructionStartedAt !== null);

/**
 * When the department's next drill is due: the window counted from its last drill, or from the
 * day its first such project started building if it has not drilled since.
 */
export const drillDueDate = (
  owingSince: string,
  drills: readonly Pick<SecurityDrill, 'on'>[],
  drillWindowMonths: number,
): string => {
  // ISO dates sort as text: the latest of the start and every drill.
  const [last = owingSince] = [owingSince, ...drills.map((d) => d.on)].sort().reverse();
  return addMonths(last, drillWindowMonths);
};

/** The duty's finding stands in the department's own partition: one per department, whatever its projects. */
export const departmentDutyId = (deptId: string) => `dept:${deptId}`;
export const DRILL_DUTY = 'drill';

/** The first day a project made its department owe drills: the day it started building. */
export const owingSinceOf = (project: Pick<Project, 'constructionStartedAt' | 'updatedAt'>): string =>
  shanghaiDate(new Date(project.constructionStartedAt ?? project.updatedAt));

export const drillFinding = (deptId: string, dueDate: string, at: string, drillWindowMonths: number): Finding =>
  newFinding(
    {
      projectId: departmentDutyId(deptId),
      ownerDeptId: deptId,
      code: 'ART24-SECURITY',
      key: DRILL_DUTY,
      description: `部门未在 ${drillWindowMonths} 个月内组织网络安全应急预案演练（期限为政策设定，第二十四条规定定期组织演练） (the department has not drilled its security emergency plan within ${drillWindowMonths} months; the period is a policy setting)`,
      dueDate,
      holds: [],
    },
    at,
  );
