import { shanghaiDate } from '#shared/domain/calendar.ts';
import { PLANNED_COMPLETION_DUTY } from '#shared/domain/construction.ts';
import { ConflictError, refuseIfAny, ValidationError } from '#shared/domain/errors.ts';
import { nextStage } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { startClock } from '../obligations/start-clock.ts';
import { loadForOwner } from '../projects/owner-action.ts';

/**
 * The project is built: `construction` → `acceptance`, and ART27's six months to acceptance start
 * from `completedOn` (not in the future, not before construction started). Not while a change
 * awaits re-approval (ART22), nor while an emergency project still owes what it skipped (ART15).
 * The planned completion is met; milestones not yet reported stay owed.
 */
export const completeConstruction = (
  input: { id: string; actor: Actor; completedOn: string },
  deps: Pick<Deps, 'projects' | 'records' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Project> =>
  retryOnConflict(async () => {
    const { actor, completedOn } = input;
    const project = await loadForOwner({ id: input.id, actor, action: 'completion' }, deps);
    const changes = await deps.records.list('change', project.id);
    if (changes.some((c) => c.status === 'pending')) {
      throw new ConflictError('A change awaits re-approval (ART22); complete after it is decided.');
    }
    const now = deps.now();
    const started = project.constructionStartedAt ? shanghaiDate(new Date(project.constructionStartedAt)) : completedOn;
    if (completedOn > shanghaiDate(now) || completedOn < started) {
      throw new ValidationError([
        {
          path: 'completedOn',
          message: `Between the start of construction (${started}) and today.`,
          messageZh: `须在开工日期（${started}）与今天之间`,
        },
      ]);
    }
    const at = now.toISOString();
    const duties = await deps.obligations.ofProject(project.id);
    // ART15: an emergency project completes what it skipped (its contracts, supervisor, responsible person) first.
    const skipped = duties.filter((o) => o.code === 'ART15-EMERGENCY' && o.status === 'open');
    refuseIfAny(
      skipped.map((o) => violation('ART15-EMERGENCY', `obligations.${o.key}`, `Complete ${o.key} before completion.`)),
    );
    // Milestones not yet reported stay owed: they are reported during acceptance, or found late.
    const unreported = duties
      .filter((o) => o.code === 'ART20-BASELINE' && o.status === 'open' && o.key !== PLANNED_COMPLETION_DUTY)
      .map((o) => o.key);
    const [planned, deadline] = await Promise.all([
      fulfil(project, 'ART20-BASELINE', [PLANNED_COMPLETION_DUTY], actor, at, deps, duties),
      startClock({ project, code: 'ART27-ACCEPTANCE-DEADLINE', key: 'acceptance', from: completedOn, at }, deps),
    ]);
    return deps.projects.save({
      project,
      at,
      actor,
      action: 'construction.completed',
      set: { stage: nextStage('completion'), completedOn },
      details: {
        completedOn,
        acceptanceDue: deadline.dueDate,
        ...(unreported.length > 0 ? { milestonesNotYetReported: unreported } : {}),
      },
      with: [...planned.items, deps.obligations.open(deadline)],
    });
  });
