import { assertOwner } from '#shared/domain/access.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { owedProcedures } from '#shared/domain/emergency.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { assertStage, nextStage, onApprovalTrack } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { startClock } from '../obligations/start-clock.ts';
import { retryOnConflict } from '../retry.ts';
import { loadVisible } from './project-access.ts';

/**
 * Construction starts after approval (ART07: no 未批先建), or first for an emergency project
 * (ART15), whose every procedure still owed becomes an open obligation the sweep tracks. A
 * rejected project owes nothing it could still do, so it cannot start.
 */
const startConstructionOnce = async (
  input: { id: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Project> => {
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  if (project.constructionStartedAt) throw new ConflictError('Construction has already started.');
  const emergency = project.emergency !== null && onApprovalTrack(project.stage);
  assertStage(emergency ? 'emergency-start' : 'construction-start', project);
  const now = deps.now();
  const at = now.toISOString();
  const from = shanghaiDate(now);
  const started = { ...project, constructionStartedAt: at };
  const owed = emergency ? owedProcedures(started, deps.policy) : [];
  const obligations = await Promise.all(
    owed.map((procedure) =>
      startClock({ project, code: 'ART15-EMERGENCY', key: procedure, detail: procedure, from, at }, deps),
    ),
  );
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'construction.started',
    at,
    set: { constructionStartedAt: at, ...(emergency ? {} : { stage: nextStage('construction-start') }) },
    details: { emergency, skippedProcedures: owed },
    with: obligations.map((o) => deps.obligations.open(o)),
  });
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const startConstruction = (
  input: Parameters<typeof startConstructionOnce>[0],
  deps: Parameters<typeof startConstructionOnce>[1],
) => retryOnConflict(() => startConstructionOnce(input, deps));
