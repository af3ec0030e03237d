import type * as z from 'zod';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import type { PhaseRecord } from '#shared/domain/phase-records.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { ProcurementNoticeInputSchema } from '#shared/domain/procurement.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { documentsVerified, type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type ProcurementNoticeInput = z.infer<typeof ProcurementNoticeInputSchema>;
const phase = PHASES['procurement-notice'];

/** ART16: the owner publishes its procurement information (公开采购信息), after filing the plan. */
export const PROCUREMENT_NOTICE: PhaseStep<'procurement-notice', ProcurementNoticeInput, PhaseDeps> = {
  phase,
  scope: 'procurement-notice',
  precheck: (body, now) => refuseFutureDates({ publishedOn: body.publishedOn }, now),
  violations: (filing) => [
    ...(filing.records['procurement-plan'][0]
      ? []
      : [violation('ART16-PROCUREMENT-PLAN', 'plan', 'File the procurement plan first.')]),
    ...documentsVerified(phase)(filing),
  ],
  build: ({ body }, base) => ({ ...body, ...base }),
  effects: (_, notice) => ({
    action: 'procurement.notice-published',
    details: { noticeId: notice.id, publishedOn: notice.publishedOn, noticeDocumentId: notice.noticeDocumentId },
  }),
};

export const publishNotice = (
  input: { id: string; actor: Actor; notice: ProcurementNoticeInput; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<PhaseRecord<'procurement-notice'>> =>
  recordPhase(PROCUREMENT_NOTICE, { ...input, body: input.notice }, deps);
