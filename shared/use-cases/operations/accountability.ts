import type * as z from 'zod';
import type { AccountabilityInputSchema, AccountabilityRecord } from '#shared/domain/acceptance.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type Input = z.infer<typeof AccountabilityInputSchema>;

/**
 * ART33, ART34: the Audit Bureau, the Data Bureau or the Finance Bureau records a finding of
 * serious overrun, poor quality, loss, a security incident, misappropriation or improper O&M
 * funding, with its sanction and evidence; on the project's audit trail, whatever its stage.
 */
export const ACCOUNTABILITY: PhaseStep<'accountability-record', Input, PhaseDeps> = {
  phase: PHASES['accountability-record'],
  scope: 'accountability',
  anyProject: true,
  build: ({ body, project }, base) => ({ ...body, ...base, ownerDeptId: project.ownerDeptId }),
  effects: ({ body }, record) => ({
    action: 'accountability.recorded',
    details: { recordId: record.id, kind: body.kind, finding: body.finding, sanction: body.sanction ?? null },
  }),
};

export const recordAccountability = (
  input: { id: string; actor: Actor; record: Input; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<AccountabilityRecord> => recordPhase(ACCOUNTABILITY, { ...input, body: input.record }, deps);

/** Accountability records across the county, for the Audit Bureau and the other county-wide roles. */
export const listAccountability = (
  input: { limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'records'>,
): Promise<Page<AccountabilityRecord>> => deps.records.countyPage('accountability-record', input);
