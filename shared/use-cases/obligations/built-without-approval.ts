import { shanghaiDate } from '#shared/domain/calendar.ts';
import { BUILT_WITHOUT_APPROVAL_KEY } from '#shared/domain/emergency.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';
import { cancel } from './settle-obligations.ts';

const CODE = 'ART07-NO-BUILD-BEFORE-APPROVAL';

type FindingDeps = Pick<Deps, 'obligations' | 'findings'>;

/**
 * ART07 (不得未批先建) once an emergency project that started building loses its ground (the Data
 * Bureau denied the emergency, or the declaration was rejected): a finding records that it was
 * built without approval and holds its construction funds; its ART15 duties (procedures it can no
 * longer complete as an emergency) and its ART20 baseline duties (a construction that must stop)
 * are cancelled, so the sweep never finds what nobody can cure.
 */
export const recordBuiltWithoutApproval = async (
  project: Pick<Project, 'id' | 'ownerDeptId' | 'constructionStartedAt'>,
  reason: string,
  actor: Actor,
  at: string,
  deps: FindingDeps,
): Promise<{ items: PendingWrite[]; details: Record<string, unknown> }> => {
  const duties = await deps.obligations.ofProject(project.id);
  const [procedures, baseline, earlier] = await Promise.all([
    cancel(project, 'ART15-EMERGENCY', 'all', actor, at, deps, duties),
    cancel(project, 'ART20-BASELINE', 'all', actor, at, deps, duties),
    deps.findings.get(project.id, CODE, BUILT_WITHOUT_APPROVAL_KEY),
  ]);
  const items: PendingWrite[] = [...procedures.items, ...baseline.items];
  if (earlier?.status !== 'open') {
    const finding: Finding = {
      id: `${project.id}.${CODE}.${BUILT_WITHOUT_APPROVAL_KEY}`,
      projectId: project.id,
      ownerDeptId: project.ownerDeptId,
      code: CODE,
      article: RULES[CODE].article,
      key: BUILT_WITHOUT_APPROVAL_KEY,
      description: `未批先建：${reason} (built without approval: ${reason})`,
      dueDate: shanghaiDate(new Date(project.constructionStartedAt ?? at)),
      status: 'open',
      openedAt: at,
      resolvedAt: null,
      holds: ['construction'],
    };
    items.push(
      earlier ? deps.findings.reopen(finding) : deps.findings.open(finding),
      deps.findings.hold({
        projectId: project.id,
        code: CODE,
        key: BUILT_WITHOUT_APPROVAL_KEY,
        funds: ['construction'],
        since: at,
      }),
    );
  }
  return {
    items,
    details: {
      finding: CODE,
      cancelledDuties: [...procedures.settled, ...baseline.settled].map((o) => `${o.code}:${o.key}`),
    },
  };
};

/** Its approval is the cure: the finding resolves and the construction hold lifts. */
export const cureBuiltWithoutApproval = async (
  project: Pick<Project, 'id'>,
  at: string,
  deps: Pick<Deps, 'findings'>,
): Promise<PendingWrite[]> => {
  const finding = await deps.findings.get(project.id, CODE, BUILT_WITHOUT_APPROVAL_KEY);
  if (finding?.status !== 'open') return [];
  return [deps.findings.resolve({ ...finding, status: 'resolved', resolvedAt: at }), deps.findings.lift(finding)];
};
