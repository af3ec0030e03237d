import { randomUUID } from 'node:crypto';
import {
  acceptanceEvidenceViolations,
  acceptanceOrderViolations,
  type PreliminaryAcceptance,
  type PreliminaryAcceptanceInput,
} from '#shared/domain/acceptance.ts';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import { ConflictError, refuseIfAny } from '#shared/domain/errors.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { openElsewhere, WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * ART27, ART28: the owner's preliminary acceptance is on record with the evidence the technical
 * acceptance will examine, and a round of the acceptance workflow starts (technical acceptance by
 * the Data Bureau, then, for projects approved under ART13, completion acceptance by the DRC).
 * After a return or a rejection the owner repeats it; never while a round runs.
 */
export const preliminaryAcceptance = (
  input: { id: string; actor: Actor; acceptance: PreliminaryAcceptanceInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'workflows' | 'idempotency' | 'now'>,
): Promise<PreliminaryAcceptance> =>
  idempotentAction<PreliminaryAcceptance>(
    {
      actor: input.actor,
      scope: 'preliminary-acceptance',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.acceptance },
    },
    deps,
    async (remember) => {
      const { actor, acceptance: body } = input;
      refuseFutureDates({ passedOn: body.passedOn }, deps.now());
      const project = await loadForOwner({ id: input.id, actor, action: 'preliminary-acceptance' }, deps);
      const current = project.rounds.acceptance;
      if (current?.status === 'running') {
        // Its round's workflow is started (idempotent) in case the start after its transaction failed.
        await deps.workflows.start({ workflow: 'acceptance', projectId: project.id, round: current.round });
        throw new ConflictError(`Acceptance round ${current.round} is under way; it ends before another begins.`);
      }
      const verified = await verifiedDocuments(
        project.id,
        [
          body.reportDocumentId,
          body.evidence.softwareTestReportDocumentId,
          body.evidence.resourceSharingCatalogueDocumentId,
          body.evidence.dataLandingDocumentId,
        ],
        deps,
      );
      refuseIfAny([...acceptanceOrderViolations(body, project), ...acceptanceEvidenceViolations(body, verified)]);
      const at = deps.now().toISOString();
      const round = (current?.round ?? 0) + 1;
      const record: PreliminaryAcceptance = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        round,
        outcome: 'pending',
        ...recorded(actor, at),
      };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'acceptance.preliminary',
        set: {
          openReviews: [...openElsewhere(project.openReviews, 'acceptance'), WORKFLOWS.acceptance.first],
          rounds: { ...project.rounds, acceptance: runningRound(round) },
        },
        details: { round, passedOn: body.passedOn, recordId: record.id },
        with: [deps.records.put('preliminary-acceptance', record, 'new'), ...remember(record)],
      });
      await deps.workflows.start({ workflow: 'acceptance', projectId: project.id, round });
      return record;
    },
  );
