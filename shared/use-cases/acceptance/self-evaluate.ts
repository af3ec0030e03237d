import type * as z from 'zod';
import type { SelfEvaluationInputSchema, SelfEvaluationSchema } from '#shared/domain/acceptance.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type SelfEvaluation = z.infer<typeof SelfEvaluationSchema>;
type Input = z.infer<typeof SelfEvaluationInputSchema>;

/** ART30: the owner's performance self-evaluation after acceptance, seven aspects rated 1–5; it fulfils the duty. */
export const SELF_EVALUATION: PhaseStep<'self-evaluation', Input, PhaseDeps> = {
  phase: PHASES['self-evaluation'],
  scope: 'self-evaluation',
  build: ({ body }, base) => ({ ...body, ...base }),
  effects: (_, evaluation) => ({
    action: 'acceptance.self-evaluated',
    details: { evaluationId: evaluation.id, ratings: evaluation.ratings },
  }),
};

export const selfEvaluate = (
  input: { id: string; actor: Actor; evaluation: Input; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<SelfEvaluation> => recordPhase(SELF_EVALUATION, { ...input, body: input.evaluation }, deps);
