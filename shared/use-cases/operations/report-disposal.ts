import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { type DisposalReportInput, type DisposalReportSchema, disposalViolations } from '#shared/domain/acceptance.ts';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

type DisposalReport = z.infer<typeof DisposalReportSchema>;

/**
 * ART32-DISPOSAL-REPORT: after decommissioning, the owner reports how and when it disposed of
 * every asset registered under ART21; each is marked disposed on the project.
 */
export const reportDisposal = (
  input: { id: string; actor: Actor; report: DisposalReportInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<DisposalReport> =>
  idempotentAction<DisposalReport>(
    {
      actor: input.actor,
      scope: 'disposal-report',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.report },
    },
    deps,
    async (remember) => {
      const { actor, report: body } = input;
      refuseFutureDates(
        Object.fromEntries(body.assets.map((asset, i) => [`assets.${i}.disposedOn`, asset.disposedOn])),
        deps.now(),
      );
      const project = await loadForOwner({ id: input.id, actor, action: 'disposal-report' }, deps);
      const [assets, verified] = await Promise.all([
        deps.records.get('assets', project.id, SINGLE),
        verifiedDocuments(project.id, [body.documentId], deps),
      ]);
      refuseIfAny(disposalViolations(body, assets, verified(body.documentId, 'disposal-report')));
      const at = deps.now().toISOString();
      const report: DisposalReport = {
        ...body,
        id: randomUUID(),
        projectId: project.id,
        ...recorded(actor, at),
      };
      const disposed = assets && {
        ...assets,
        items: assets.items.map((item) => {
          const done = body.assets.find((a) => a.registrationNo === item.registrationNo);
          return done ? { ...item, disposal: { method: done.disposal, disposedOn: done.disposedOn } } : item;
        }),
      };
      const duty = await fulfil(project, 'ART32-DISPOSAL-REPORT', 'all', actor, at, deps);
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'operations.disposal-reported',
        details: {
          reportId: report.id,
          disposed: body.assets.map((a) => [a.registrationNo, a.disposal, a.disposedOn]),
        },
        with: [
          deps.records.put('disposal-report', report, 'new'),
          ...(disposed ? [deps.records.put('assets', disposed, 'any')] : []),
          ...duty.items,
          ...remember(report),
        ],
      });
      return report;
    },
  );
