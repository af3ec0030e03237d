import { shanghaiDate } from '#shared/domain/calendar.ts';
import { measuresValidity, policyChoices } from '#shared/domain/policy.ts';
import type { Deps } from '../deps.ts';

/** The policy settings in force, and the window of the measures themselves (ART35). */
export const getPolicy = (deps: Pick<Deps, 'policy' | 'now'>) => ({
  ...deps.policy,
  measures: measuresValidity(deps.policy, shanghaiDate(deps.now())),
  choices: policyChoices(),
});
