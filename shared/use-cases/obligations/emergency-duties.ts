import { shanghaiDate } from '#shared/domain/calendar.ts';
import { emergencyDutyChanges } from '#shared/domain/emergency.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';
import { startClock } from './start-clock.ts';

/**
 * ART15: after a change of an emergency project that started building (an edit, a correction by
 * the technical review, a rejection, its approval), the procedures it owes are counted again: a
 * procedure now required opens its duty, a duty that no longer applies is cancelled. Items to
 * write with the change, and what they did, for its audit event.
 */
export const reconcileEmergencyDuties = async (
  after: Project,
  actor: Actor,
  at: string,
  deps: Pick<Deps, 'obligations' | 'calendar' | 'policy'>,
  /** The project's duties as the change already read them, if it did. */
  read?: readonly Obligation[],
  /** An edit only adds (ART15: an edit never cancels a duty already opened). */
  { cancel = true }: { cancel?: boolean } = {},
): Promise<{ items: PendingWrite[]; opened: string[]; cancelled: string[] }> => {
  if (!after.emergency || !after.constructionStartedAt) return { items: [], opened: [], cancelled: [] };
  const duties = read ?? (await deps.obligations.ofProject(after.id));
  const counted = emergencyDutyChanges(after, duties, deps.policy);
  const changes = { open: counted.open, cancel: cancel ? counted.cancel : [] };
  const from = shanghaiDate(new Date(at));
  const opened = await Promise.all(
    changes.open.map((procedure) =>
      startClock({ project: after, code: 'ART15-EMERGENCY', key: procedure, detail: procedure, from, at }, deps),
    ),
  );
  const cancelled = duties
    .filter((duty) => duty.code === 'ART15-EMERGENCY' && changes.cancel.includes(duty.key))
    .map((duty) => ({ ...duty, status: 'cancelled' as const, settledAt: at, settledBy: actor.sub }));
  return {
    items: [...opened.map((o) => deps.obligations.open(o)), ...cancelled.map((o) => deps.obligations.settle(o))],
    opened: changes.open,
    cancelled: changes.cancel,
  };
};
