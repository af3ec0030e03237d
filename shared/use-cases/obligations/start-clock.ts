import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Deps } from '../deps.ts';

/**
 * A new duty whose clock starts on `from` and runs `workingDays` working days, dated by the
 * calendar (provisional where it runs into a year with no calendar yet). Written by the caller
 * in the same transaction as the change that starts the clock.
 */
export const startClock = async (
  input: {
    project: Pick<Project, 'id' | 'ownerDeptId'>;
    code: string;
    key: string;
    description: string;
    from: string;
    workingDays: number;
    at: string;
  },
  deps: Pick<Deps, 'calendar'>,
): Promise<Obligation> => {
  const due = await deps.calendar.addWorkingDays(input.from, input.workingDays);
  return {
    projectId: input.project.id,
    ownerDeptId: input.project.ownerDeptId,
    code: input.code,
    key: input.key,
    description: input.description,
    dueDate: due.due,
    dueBasis: { from: input.from, amount: input.workingDays, unit: 'working-days' },
    provisional: due.provisional,
    status: 'open',
    createdAt: input.at,
    settledAt: null,
    settledBy: null,
    waiverReason: null,
    foundAt: null,
  };
};
