import { randomUUID } from 'node:crypto';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import {
  type Contract,
  type ContractInput,
  carriesConfidentiality,
  contractViolations,
} from '#shared/domain/procurement.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * ART16–18, 23, 25: the owner records a signed contract, construction or supervision, after the
 * plan and a published notice; all contracts together stay within the procurement budget (two
 * racing contracts that would exceed it together: one lands, the other is read again and
 * refused). For an emergency project building first, the contract fulfils the ART15 duty it answers.
 */
export const recordContract = (
  input: { id: string; actor: Actor; contract: ContractInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<Contract> =>
  idempotentAction<Contract>(
    { actor: input.actor, scope: 'contract', key: input.idempotencyKey, request: { id: input.id, ...input.contract } },
    deps,
    async (remember) => {
      const { contract: body, actor } = input;
      refuseFutureDates({ signedOn: body.signedOn }, deps.now());
      const project = await loadForOwner({ id: input.id, actor, action: 'contract' }, deps);
      const [records, verified] = await Promise.all([
        deps.records.all(project.id),
        verifiedDocuments(
          project.id,
          [
            body.contractDocumentId,
            body.qualificationReviewDocumentId,
            body.confidentialityAgreementDocumentId,
            body.staffConfidentialityDocumentId,
          ],
          deps,
        ),
      ]);
      refuseHeldDocuments(
        [
          body.contractDocumentId,
          body.qualificationReviewDocumentId,
          body.confidentialityAgreementDocumentId,
          body.staffConfidentialityDocumentId,
        ],
        records,
      );
      refuseIfAny(
        contractViolations(body, {
          plan: records['procurement-plan'][0],
          noticePublished: records['procurement-notice'].length > 0,
          noticesPublishedOn: records['procurement-notice'].map((n) => n.publishedOn),
          contracted: records.contract,
          approvedBudgetFen: project.approvedBudgetFen,
          verified,
        }),
      );
      const at = deps.now().toISOString();
      const contract: Contract = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        ...recorded(actor, at),
      };
      const answers =
        body.kind === 'supervision'
          ? ['supervision-contract']
          : ['construction-contract', ...(carriesConfidentiality(body) ? ['confidentiality'] : [])];
      const emergency = await fulfil(project, 'ART15-EMERGENCY', answers, actor, at, deps);
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'procurement.contract-recorded',
        details: {
          contractId: contract.id,
          kind: contract.kind,
          vendor: contract.vendor.name,
          creditCode: contract.vendor.creditCode,
          amountFen: contract.amountFen,
          ...(emergency.settled.length > 0 ? { emergencyDutiesFulfilled: emergency.settled.map((o) => o.key) } : {}),
        },
        with: [deps.records.put('contract', contract, 'new'), ...emergency.items, ...remember(contract)],
      });
      return contract;
    },
  );
