import { describe, expect, it } from 'vitest';
import { acceptanceOrderViolations, assetGate } from '#shared/domain/acceptance.ts';
import { type Assets, AssetsInputSchema, mlpsConfirmationAuthority } from '#shared/domain/construction.ts';
import { DisposalReportInputSchema, disposalViolations, supplementViolations } from '#shared/domain/decommission.ts';
import { documentHolders, refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { ConflictError, ForbiddenError } from '#shared/domain/errors.ts';
import type { PhaseRecord } from '#shared/domain/phase-records.ts';

const register = (items: { registrationNo: string | null }[]): Assets => ({
  id: 'current',
  projectId: 'p',
  recordedAt: '',
  recordedBy: '',
  items: items.map((i, n) => ({ name: `资产${n}`, kind: 'fixed', valueFen: 1, registrationNo: i.registrationNo })),
});
const paths = (found: { code: string; path?: string }[]) => found.map((v) => [v.code, v.path]);

describe('records are what happened, once', () => {
  it('ART32-DISPOSAL-REPORT: each asset is registered, named once, and disposed of after the decommissioning', () => {
    const assets = register([{ registrationNo: 'A' }, { registrationNo: 'B' }]);
    const report = {
      documentId: 'd',
      assets: [
        { registrationNo: 'A', disposal: 'scrap' as const, disposedOn: '2030-01-09' },
        { registrationNo: 'A', disposal: 'scrap' as const, disposedOn: '2030-01-10' },
        { registrationNo: 'X', disposal: 'scrap' as const, disposedOn: '2030-01-10' },
        { registrationNo: 'B', disposal: 'pending' as const, expectedOn: '2030-03-01' },
      ],
    };
    expect(paths(disposalViolations(report, assets, true, '2030-01-10'))).toEqual([
      ['ART32-DISPOSAL-REPORT', 'assets.0.disposedOn'],
      ['ART32-DISPOSAL-REPORT', 'assets.1.registrationNo'],
      ['ART32-DISPOSAL-REPORT', 'assets.2.registrationNo'],
    ]);
    // A supplement settles only what the report left pending.
    const supplement = (registrationNo: string) => ({
      documentId: 'e',
      assets: [{ registrationNo, disposal: 'reuse' as const, disposedOn: '2030-02-01' }],
    });
    expect(supplementViolations(supplement('B'), report, true, '2030-01-10')).toEqual([]);
    expect(paths(supplementViolations(supplement('A'), report, true, '2030-01-10'))).toEqual([
      ['ART32-DISPOSAL-REPORT', 'assets.0.registrationNo'],
    ]);
  });

  it('ART32-DISPOSAL-REPORT: a pending disposal states when it is expected, a finished one when it was done', () => {
    const parse = (asset: Record<string, unknown>) =>
      DisposalReportInputSchema.safeParse({ documentId: 'd', assets: [asset] }).success;
    expect(parse({ registrationNo: 'A', disposal: 'pending', expectedOn: '2030-03-01' })).toBe(true);
    expect(parse({ registrationNo: 'A', disposal: 'pending' })).toBe(false);
    expect(parse({ registrationNo: 'A', disposal: 'scrap', expectedOn: '2030-03-01' })).toBe(false);
  });

  it('ART21-ASSETS: a register lists its assets, or says why none were formed; numbers are unique, values at least a fen', () => {
    const item = { name: '服务器', kind: 'fixed', valueFen: 1, registrationNo: 'A' };
    expect(AssetsInputSchema.safeParse({ items: [item] }).success).toBe(true);
    expect(AssetsInputSchema.safeParse({ items: [] }).success).toBe(false);
    expect(AssetsInputSchema.safeParse({ items: [], noAssetsFormed: { reason: '纯服务采购' } }).success).toBe(true);
    expect(AssetsInputSchema.safeParse({ items: [item, item] }).success).toBe(false);
    expect(AssetsInputSchema.safeParse({ items: [{ ...item, valueFen: 0 }] }).success).toBe(false);
    expect(paths(assetGate(register([])))).toEqual([['ART21-ASSETS', 'assets']]);
    expect(assetGate({ ...register([]), noAssetsFormed: { reason: '纯服务采购' } })).toEqual([]);
  });

  it('ART27-ACCEPTANCE-ORDER: a preliminary acceptance passes on or after the completion', () => {
    expect(acceptanceOrderViolations({ passedOn: '2030-01-10' }, { completedOn: '2030-01-10' })).toEqual([]);
    expect(paths(acceptanceOrderViolations({ passedOn: '2030-01-09' }, { completedOn: '2030-01-10' }))).toEqual([
      ['ART27-ACCEPTANCE-ORDER', 'passedOn'],
    ]);
  });

  it('ART33-RECORDS: a document backs one record; a returned acceptance lets its evidence go', () => {
    const contract = { id: 'c1', contractDocumentId: 'doc-1', qualificationReviewDocumentId: 'doc-2' };
    const acceptance = (outcome: string) => ({
      id: 'a1',
      reportDocumentId: 'doc-3',
      outcome,
      evidence: {
        softwareTestReportDocumentId: 'doc-4',
        resourceSharingCatalogueDocumentId: 'doc-5',
        dataLandingDocumentId: 'doc-6',
      },
    });
    const records = {
      contract: [contract] as unknown as PhaseRecord<'contract'>[],
      'preliminary-acceptance': [acceptance('returned')] as unknown as PhaseRecord<'preliminary-acceptance'>[],
    };
    expect(documentHolders(records).get('doc-1')).toBe('contract c1');
    expect(() => refuseHeldDocuments(['doc-1'], records)).toThrow(ConflictError);
    expect(() => refuseHeldDocuments(['doc-3'], records)).not.toThrow();
    const pending = {
      ...records,
      'preliminary-acceptance': [acceptance('pending')] as unknown as PhaseRecord<'preliminary-acceptance'>[],
    };
    expect(() => refuseHeldDocuments(['doc-3'], pending)).toThrow(ConflictError);
  });

  it('ART04-ROLE: the owner department confirms its MLPS filing only where it is the Public Security Bureau', () => {
    const police = (deptId: string) => ({ sub: 'p', name: 'p', deptId, roles: ['public-security' as const] });
    expect(mlpsConfirmationAuthority(police('psb'), { ownerDeptId: 'edu' }, null)).toEqual({
      conflictOfInterest: false,
    });
    expect(() => mlpsConfirmationAuthority(police('edu'), { ownerDeptId: 'edu' }, null)).toThrow(ForbiddenError);
    expect(mlpsConfirmationAuthority(police('psb'), { ownerDeptId: 'psb' }, 'public-security')).toEqual({
      conflictOfInterest: true,
    });
  });
});
