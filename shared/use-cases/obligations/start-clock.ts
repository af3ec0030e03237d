import { dueBasis, newObligation, type Obligation, obligationKind } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';

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
  const basis = dueBasis(input.code, input.from, deps.policy, input.key);
  return newObligation({ ...input, basis, due: await deps.calendar.countDue(basis) });
};

/**
 * What writes a duty whose clock started: the duty, and where its catalogue row says the hold
 * starts with it (`holdsFromStart`, ART29 未备案的不得拨付), the hold on the funds it cuts. A
 * new row with that flag holds funds without more code.
 */
export const openDuty = (
  duty: Obligation,
  deps: Pick<Deps, 'obligations'> & Partial<Pick<Deps, 'findings'>>,
): PendingWrite[] => {
  const kind = obligationKind(duty.code);
  if (!kind.holdsFromStart || kind.cuts.length === 0) return [deps.obligations.open(duty)];
  if (!deps.findings) throw new Error(`${duty.code} holds funds from its start: open it with the findings adapter`);
  return [
    deps.obligations.open(duty),
    deps.findings.hold({
      projectId: duty.projectId,
      code: duty.code,
      key: duty.key,
      funds: [...kind.cuts],
      since: duty.createdAt,
    }),
  ];
};
