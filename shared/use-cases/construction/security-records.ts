import { randomUUID } from 'node:crypto';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import {
  mlpsConfirmationAuthority,
  type SecurityRecord,
  type SecurityRecordInput,
  securityRecordViolations,
} from '#shared/domain/construction.ts';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { ConflictError, NotFoundError, refuseIfAny } from '#shared/domain/errors.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';
import { loadVisible } from '../projects/project-access.ts';

/** ART24: the owner records its MLPS filing (with its level), security assessment or commercial-crypto assessment. */
export const recordSecurity = (
  input: { id: string; actor: Actor; record: SecurityRecordInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<SecurityRecord> =>
  idempotentAction<SecurityRecord>(
    {
      actor: input.actor,
      scope: 'security-record',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.record },
    },
    deps,
    async (remember) => {
      refuseFutureDates({ on: input.record.on }, deps.now());
      const project = await loadForOwner({ id: input.id, actor: input.actor, action: 'security-record' }, deps);
      const [verified, records] = await Promise.all([
        verifiedDocuments(project.id, [input.record.documentId], deps),
        deps.records.all(project.id),
      ]);
      refuseHeldDocuments([input.record.documentId], records);
      refuseIfAny(securityRecordViolations(input.record, verified(input.record.documentId, input.record.kind)));
      const at = deps.now().toISOString();
      const record: SecurityRecord = {
        ...input.record,
        id: randomUUID(),
        projectId: project.id,
        confirmedBy: null,
        confirmedAt: null,
        ...recorded(input.actor, at),
      };
      await deps.projects.save({
        project,
        at,
        actor: input.actor,
        action: 'security.recorded',
        details: { recordId: record.id, kind: record.kind, on: record.on, level: record.level ?? null },
        with: [deps.records.put('security-record', record, 'new'), ...remember(record)],
      });
      return record;
    },
  );

/**
 * ART04, ART24: the Public Security Bureau confirms an MLPS filing (等级保护备案管理); only a
 * confirmed filing counts at acceptance. Its first and only write.
 */
export const confirmSecurity = (
  input: { id: string; recordId: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'records' | 'departments' | 'now'>,
): Promise<SecurityRecord> =>
  retryOnConflict(async () => {
    const project = await loadVisible(input.id, input.actor, deps);
    const owner =
      input.actor.deptId === project.ownerDeptId ? await deps.departments.get(project.ownerDeptId) : undefined;
    const { conflictOfInterest } = mlpsConfirmationAuthority(input.actor, project, owner?.bureauRole ?? null);
    const record = await deps.records.get('security-record', project.id, input.recordId);
    if (!record) throw new NotFoundError('No such security record.');
    if (record.kind !== 'mlps-filing') throw new ConflictError(`A ${record.kind} is not confirmed by public security.`);
    if (record.confirmedAt) throw new ConflictError('The MLPS filing is already confirmed.');
    const at = deps.now().toISOString();
    const confirmed: SecurityRecord = {
      ...record,
      confirmedBy: input.actor.sub,
      confirmedByName: input.actor.name,
      confirmedAt: at,
      conflictOfInterest,
    };
    await deps.projects.save({
      project,
      at,
      actor: input.actor,
      action: 'security.mlps-confirmed',
      details: { recordId: record.id, level: record.level ?? null, conflictOfInterest },
      with: [deps.records.put('security-record', confirmed, 'any')],
    });
    return confirmed;
  });
