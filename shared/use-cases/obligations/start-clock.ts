import { dueBasis, newObligation, type Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';

/**
 * A new duty under `code` whose clock starts on `from`, counted as the obligation catalogue says
 * (working days by the calendar, provisional where it runs into a year with no calendar yet;
 * calendar days; months). Written by the caller in the same transaction as the change that
 * starts the clock.
 */
export const startClock = async (
  input: {
    project: Pick<Project, 'id' | 'ownerDeptId'>;
    code: RuleCode;
    key: string;
    from: string;
    /** What this duty is about, beside the catalogue's description. */
    detail?: string;
    at: string;
  },
  deps: Pick<Deps, 'calendar' | 'policy'>,
): Promise<Obligation> => {
  const basis = dueBasis(input.code, input.from, deps.policy);
  return newObligation({ ...input, basis, due: await deps.calendar.countDue(basis) });
};
