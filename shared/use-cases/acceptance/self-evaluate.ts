import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { SelfEvaluationInputSchema, SelfEvaluationSchema } from '#shared/domain/acceptance.ts';
import { RuleViolationError } from '#shared/domain/errors.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type SelfEvaluation = z.infer<typeof SelfEvaluationSchema>;

/** ART30: the owner's performance self-evaluation after acceptance, seven aspects rated 1–5. */
export const selfEvaluate = (
  input: {
    id: string;
    actor: Actor;
    evaluation: z.infer<typeof SelfEvaluationInputSchema>;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<SelfEvaluation> =>
  idempotentAction<SelfEvaluation>(
    {
      actor: input.actor,
      scope: 'self-evaluation',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.evaluation },
    },
    deps,
    async (remember) => {
      const { actor, evaluation: body } = input;
      const project = await loadForOwner({ id: input.id, actor, action: 'self-evaluation' }, deps);
      const verified = await verifiedDocuments(project.id, [body.documentId], deps);
      if (!verified(body.documentId, 'self-evaluation')) {
        throw new RuleViolationError([
          violation('ART30-SELF-EVALUATION', 'documentId', 'Name a verified self-evaluation document.'),
        ]);
      }
      const at = deps.now().toISOString();
      const evaluation: SelfEvaluation = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        ...recorded(actor, at),
      };
      const duty = await fulfil(project, 'ART30-SELF-EVALUATION', 'all', actor, at, deps);
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'acceptance.self-evaluated',
        details: { evaluationId: evaluation.id, ratings: body.ratings },
        with: [deps.records.put('self-evaluation', evaluation, 'new'), ...duty.items, ...remember(evaluation)],
      });
      return evaluation;
    },
  );
