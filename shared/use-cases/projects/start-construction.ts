import { assertOwner } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { skippedProcedures } from '#shared/domain/emergency.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { startClock } from '../obligations/start-clock.ts';
import { retryOnConflict } from '../retry.ts';
import { loadVisible } from './project-access.ts';

/**
 * Construction starts after approval (ART07: no 未批先建), or first for an emergency project
 * (ART15), whose every skipped procedure becomes an open obligation the sweep tracks.
 */
const startConstructionOnce = async (
  input: { id: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Project> => {
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  if (project.constructionStartedAt) throw new ConflictError('Construction has already started.');
  if (project.stage === 'rejected') throw new ConflictError('A rejected project is not built.');
  if (project.stage !== 'approved' && !project.emergency) {
    throw new RuleViolationError([violation('ART07-NO-BUILD-BEFORE-APPROVAL', 'stage')]);
  }
  const now = deps.now();
  const at = now.toISOString();
  const from = shanghaiDate(now);
  const skipped = project.emergency ? skippedProcedures(project, deps.policy) : [];
  const obligations = await Promise.all(
    skipped.map((procedure) =>
      startClock(
        {
          project,
          code: 'ART15-EMERGENCY',
          key: procedure,
          description: `紧急项目补办手续: ${procedure} (complete the skipped procedure)`,
          from,
          workingDays: deps.policy.emergencyProceduresWorkingDays,
          at,
        },
        deps,
      ),
    ),
  );
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'construction.started',
    at,
    set: { constructionStartedAt: at },
    details: { emergency: project.emergency !== null, skippedProcedures: skipped },
    with: obligations.map((o) => deps.obligations.open(o)),
  });
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const startConstruction = (
  input: Parameters<typeof startConstructionOnce>[0],
  deps: Parameters<typeof startConstructionOnce>[1],
) => retryOnConflict(() => startConstructionOnce(input, deps));
