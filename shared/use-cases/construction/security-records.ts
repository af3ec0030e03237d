import { refuseFutureDates } from '#shared/domain/calendar.ts';
import {
  mlpsConfirmationAuthority,
  type SecurityRecord,
  type SecurityRecordInput,
  securityRecordViolations,
} from '#shared/domain/construction.ts';
import { ConflictError, NotFoundError } from '#shared/domain/errors.ts';
import { PHASES } from '#shared/domain/phases.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

/** ART24: the owner records its MLPS filing (with its level), security assessment or commercial-crypto assessment. */
export const SECURITY_RECORD: PhaseStep<'security-record', SecurityRecordInput, PhaseDeps> = {
  phase: PHASES['security-record'],
  scope: 'security-record',
  precheck: (body, now) => refuseFutureDates({ on: body.on }, now),
  violations: ({ body, verified }) => securityRecordViolations(body, verified(body.documentId, body.kind)),
  build: ({ body }, base) => ({ ...body, ...base, confirmedBy: null, confirmedAt: null }),
  effects: (_, record) => ({
    action: 'security.recorded',
    details: { recordId: record.id, kind: record.kind, on: record.on, level: record.level ?? null },
  }),
};

export const recordSecurity = (
  input: { id: string; actor: Actor; record: SecurityRecordInput; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<SecurityRecord> => recordPhase(SECURITY_RECORD, { ...input, body: input.record }, deps);

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
