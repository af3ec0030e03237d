import { refuseFutureDates } from '#shared/domain/calendar.ts';
import type { Assets } from '#shared/domain/construction.ts';
import {
  type DisposalReport,
  type DisposalReportInput,
  type DisposalSupplementInput,
  disposalViolations,
  PENDING,
  supplementViolations,
} from '#shared/domain/decommission.ts';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { ConflictError, RuleViolationError, refuseIfAny } from '#shared/domain/errors.ts';
import { PHASES } from '#shared/domain/phases.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type DisposalDeps = PhaseDeps;

/** The asset register with these disposals marked on its items. */
const marked = (
  assets: Assets,
  done: readonly { registrationNo: string; disposal: string; disposedOn?: string | undefined }[],
): Assets => ({
  ...assets,
  items: assets.items.map((item) => {
    const disposal = done.find((a) => a.registrationNo === item.registrationNo);
    return disposal && disposal.disposal !== PENDING && disposal.disposedOn
      ? { ...item, disposal: { method: disposal.disposal as 'transfer', disposedOn: disposal.disposedOn } }
      : item;
  }),
});

/** A disposal is reported once it happened: no date of one is still to come. */
const refuseFutureDisposals = (body: { assets: readonly { disposedOn?: string | undefined }[] }, now: Date) =>
  refuseFutureDates(
    Object.fromEntries(body.assets.map((asset, i) => [`assets.${i}.disposedOn`, asset.disposedOn])),
    now,
  );

/**
 * ART32-DISPOSAL-REPORT: after decommissioning, the owner reports, once, how it disposed of every
 * asset registered under ART21 — or that a disposal is still pending and when it is expected
 * (the report is a 情况说明 within 30 days). Each asset is a registered one, named once, disposed
 * of after the decommissioning; each disposed one is marked on the register.
 */
export const DISPOSAL_REPORT: PhaseStep<'disposal-report', DisposalReportInput, DisposalDeps> = {
  phase: PHASES['disposal-report'],
  scope: 'disposal-report',
  precheck: refuseFutureDisposals,
  refuse: ({ records }) => {
    if (records['disposal-report'].length > 0) {
      throw new ConflictError('The disposal report is filed once; settle pending disposals with a supplement.');
    }
  },
  violations: ({ body, project, records, verified }) =>
    disposalViolations(body, records.assets[0], verified(body.documentId, 'disposal-report'), project.decommissionedOn),
  build: ({ body }, base) => ({ ...body, ...base, supplements: [] }),
  effects: ({ body, records }, report, _, deps) => {
    const [assets] = records.assets;
    return {
      action: 'operations.disposal-reported',
      details: {
        reportId: report.id,
        disposed: body.assets.map((a) => [a.registrationNo, a.disposal, a.disposedOn ?? a.expectedOn ?? null]),
      },
      with: assets ? [deps.records.put('assets', marked(assets, body.assets), 'any')] : [],
    };
  },
};

export const reportDisposal = (
  input: { id: string; actor: Actor; report: DisposalReportInput; idempotencyKey?: string | undefined },
  deps: DisposalDeps,
): Promise<DisposalReport> => recordPhase(DISPOSAL_REPORT, { ...input, body: input.report }, deps);

/** ART32: a later settlement of the disposals the report left pending, with its document; each pending asset once. */
export const supplementDisposal = (
  input: { id: string; actor: Actor; supplement: DisposalSupplementInput; idempotencyKey?: string | undefined },
  deps: DisposalDeps,
): Promise<DisposalReport> =>
  idempotentAction<DisposalReport>(
    {
      actor: input.actor,
      scope: 'disposal-supplement',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.supplement },
    },
    deps,
    async (remember) => {
      const { actor, supplement: body } = input;
      refuseFutureDisposals(body, deps.now());
      const project = await loadForOwner({ id: input.id, actor, action: 'disposal-report' }, deps);
      const [records, verified] = await Promise.all([
        deps.records.all(project.id),
        verifiedDocuments(project.id, [body.documentId], deps),
      ]);
      const [assets] = records.assets;
      const [report] = records['disposal-report'];
      if (!report) {
        throw new RuleViolationError([
          violation('ART32-DISPOSAL-REPORT', 'report', 'File the disposal report first; a supplement settles it.'),
        ]);
      }
      refuseHeldDocuments([body.documentId], records);
      refuseIfAny(
        supplementViolations(body, report, verified(body.documentId, 'disposal-report'), project.decommissionedOn),
      );
      const at = deps.now().toISOString();
      const settled: DisposalReport = {
        ...report,
        assets: report.assets.map((entry) => {
          const done = body.assets.find((a) => a.registrationNo === entry.registrationNo);
          return done ? { ...done } : entry;
        }),
        supplements: [
          ...report.supplements,
          {
            documentId: body.documentId,
            settled: body.assets.length,
            ...recorded(actor, at),
          },
        ],
      };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'operations.disposal-supplemented',
        details: {
          reportId: report.id,
          disposed: body.assets.map((a) => [a.registrationNo, a.disposal, a.disposedOn]),
        },
        with: [
          deps.records.put('disposal-report', settled, 'any'),
          ...(assets ? [deps.records.put('assets', marked(assets, body.assets), 'any')] : []),
          ...remember(settled),
        ],
      });
      return settled;
    },
  );
