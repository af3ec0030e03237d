import { refuseFutureDates } from '#shared/domain/calendar.ts';
import {
  type Contract,
  type ContractInput,
  carriesConfidentiality,
  contractViolations,
} from '#shared/domain/contract.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

/**
 * ART16–18, 23, 25: the owner records a signed contract, construction or supervision, after the
 * plan and a published notice; all contracts together stay within the procurement budget (two
 * racing contracts that would exceed it together: one lands, the other is read again and
 * refused). For an emergency project building first, the contract fulfils the ART15 duty it answers.
 */
export const CONTRACT: PhaseStep<'contract', ContractInput, PhaseDeps> = {
  phase: PHASES.contract,
  scope: 'contract',
  precheck: (body, now) => refuseFutureDates({ signedOn: body.signedOn }, now),
  violations: ({ body, project, records, verified }) =>
    contractViolations(body, {
      plan: records['procurement-plan'][0],
      noticePublished: records['procurement-notice'].length > 0,
      noticesPublishedOn: records['procurement-notice'].map((n) => n.publishedOn),
      contracted: records.contract,
      approvedBudgetFen: project.approvedBudgetFen,
      verified,
    }),
  answers: ({ body }) =>
    body.kind === 'supervision'
      ? ['supervision-contract']
      : ['construction-contract', ...(carriesConfidentiality(body) ? ['confidentiality'] : [])],
  build: ({ body }, base) => ({ ...body, ...base }),
  effects: (_, contract, discharged) => ({
    action: 'procurement.contract-recorded',
    details: {
      contractId: contract.id,
      kind: contract.kind,
      vendor: contract.vendor.name,
      creditCode: contract.vendor.creditCode,
      amountFen: contract.amountFen,
      ...(discharged.length > 0 ? { emergencyDutiesFulfilled: discharged.map((o) => o.key) } : {}),
    },
  }),
};

export const recordContract = (
  input: { id: string; actor: Actor; contract: ContractInput; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<Contract> => recordPhase(CONTRACT, { ...input, body: input.contract }, deps);
