import { shanghaiDate } from '#shared/domain/calendar.ts';
import { measuresValidity, POLICY_CHOICES } from '#shared/domain/policy.ts';
import type { Deps } from '../deps.ts';

/** The policy settings in force, and the window of the measures themselves (ART35). */
export const getPolicy = (deps: Pick<Deps, 'policy' | 'now'>) => ({
  ...deps.policy,
  measures: measuresValidity(deps.policy, shanghaiDate(deps.now())),
  choices: Object.entries(POLICY_CHOICES).map(([setting, choice]) => ({ setting, ...choice })),
});
