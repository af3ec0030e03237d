import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import type { ProcurementNoticeInputSchema, ProcurementNoticeSchema } from '#shared/domain/procurement.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type Notice = z.infer<typeof ProcurementNoticeSchema>;

/** ART16: the owner publishes its procurement information (公开采购信息), after filing the plan. */
export const publishNotice = (
  input: {
    id: string;
    actor: Actor;
    notice: z.infer<typeof ProcurementNoticeInputSchema>;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<Notice> =>
  idempotentAction<Notice>(
    {
      actor: input.actor,
      scope: 'procurement-notice',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.notice },
    },
    deps,
    async (remember) => {
      refuseFutureDates({ publishedOn: input.notice.publishedOn }, deps.now());
      const project = await loadForOwner({ id: input.id, actor: input.actor, action: 'procurement-notice' }, deps);
      const [records, verified] = await Promise.all([
        deps.records.all(project.id),
        verifiedDocuments(project.id, [input.notice.noticeDocumentId], deps),
      ]);
      const [plan] = records['procurement-plan'];
      refuseHeldDocuments([input.notice.noticeDocumentId], records);
      const found = [
        ...(plan ? [] : [violation('ART16-PROCUREMENT-PLAN', 'plan', 'File the procurement plan first.')]),
        ...(verified(input.notice.noticeDocumentId, 'procurement-notice')
          ? []
          : [violation('ART16-PROCUREMENT-PLAN', 'noticeDocumentId', 'Name a verified procurement-notice document.')]),
      ];
      refuseIfAny(found);
      const at = deps.now().toISOString();
      const notice: Notice = {
        ...input.notice,
        id: randomUUID(),
        projectId: project.id,
        ...recorded(input.actor, at),
      };
      await deps.projects.save({
        project,
        at,
        actor: input.actor,
        action: 'procurement.notice-published',
        details: { noticeId: notice.id, publishedOn: notice.publishedOn, noticeDocumentId: notice.noticeDocumentId },
        with: [deps.records.put('procurement-notice', notice, 'new'), ...remember(notice)],
      });
      return notice;
    },
  );
