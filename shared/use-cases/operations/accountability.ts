import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { AccountabilityInputSchema, AccountabilityRecord } from '#shared/domain/acceptance.ts';
import { RuleViolationError } from '#shared/domain/errors.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Page } from '#shared/store/paged-query.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { verifiedDocuments } from '../projects/owner-action.ts';
import { loadVisible } from '../projects/project-access.ts';

/**
 * ART33, ART34: the Audit Bureau, the Data Bureau or the Finance Bureau records a finding of
 * serious overrun, poor quality, loss, a security incident, misappropriation or improper O&M
 * funding, with its sanction and evidence; on the project's audit trail, whatever its stage.
 */
export const recordAccountability = (
  input: {
    id: string;
    actor: Actor;
    record: z.infer<typeof AccountabilityInputSchema>;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'idempotency' | 'now'>,
): Promise<AccountabilityRecord> =>
  idempotentAction<AccountabilityRecord>(
    {
      actor: input.actor,
      scope: 'accountability',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.record },
    },
    deps,
    async (remember) => {
      const { actor, record: body } = input;
      const project = await loadVisible(input.id, actor, deps);
      const verified = await verifiedDocuments(project.id, [body.documentId], deps);
      if (body.documentId && !verified(body.documentId, 'accountability-evidence')) {
        throw new RuleViolationError([
          violation('ART33-RECORDS', 'documentId', 'Name a verified accountability-evidence document.'),
        ]);
      }
      const at = deps.now().toISOString();
      const record: AccountabilityRecord = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        ownerDeptId: project.ownerDeptId,
        ...recorded(actor, at),
      };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'accountability.recorded',
        details: { recordId: record.id, kind: body.kind, finding: body.finding, sanction: body.sanction ?? null },
        with: [deps.records.put('accountability-record', record, 'new'), ...remember(record)],
      });
      return record;
    },
  );

/** Accountability records across the county, for the Audit Bureau and the other county-wide roles. */
export const listAccountability = (
  input: { limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'records'>,
): Promise<Page<AccountabilityRecord>> => deps.records.countyPage('accountability-record', input);
