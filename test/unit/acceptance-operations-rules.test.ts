import { describe, expect, it } from 'vitest';
import {
  acceptanceEvidenceViolations,
  assetGate,
  firstOmYear,
  MIGRATION_DUTY_KEY,
  migrationDeadline,
  omDueDate,
  operationsFindings,
} from '#shared/domain/acceptance.ts';
import { addCalendarDays, addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import { decommissionViolations, disposalViolations } from '#shared/domain/decommission.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { isYearly, nextYearDuty, OBLIGATIONS } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';

const codes = (found: { code: string }[]) => found.map((v) => v.code);
const document = (id: string, kind: ProjectDocument['kind'], createdAt: string): ProjectDocument => ({
  id,
  projectId: 'p',
  kind,
  fileName: `${kind}.pdf`,
  contentType: 'application/pdf',
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
  status: 'verified',
  rejectionReason: null,
  versionId: null,
  uploadedBy: 'u',
  createdAt,
  verifiedAt: createdAt,
  taskId: null,
});
const assets = (registrationNos: (string | null)[]) => ({
  id: 'current',
  projectId: 'p',
  recordedAt: '',
  recordedBy: '',
  items: registrationNos.map((registrationNo, i) => ({
    name: `资产${i}`,
    kind: 'fixed' as const,
    valueFen: 1,
    registrationNo,
  })),
});

describe('acceptance (ART21, ART27, ART28)', () => {
  it('names every missing piece of ART28-ACCEPTANCE-EVIDENCE', () => {
    const input = {
      reportDocumentId: 'r',
      passedOn: '2026-11-28',
      evidence: {
        softwareTestReportDocumentId: 's',
        resourceSharingCatalogueDocumentId: 'c',
        dataLandingDocumentId: 'd',
      },
    };
    expect(acceptanceEvidenceViolations(input, () => true)).toEqual([]);
    expect(acceptanceEvidenceViolations(input, (id) => id === 'r').map((v) => v.path)).toEqual([
      'evidence.softwareTestReportDocumentId',
      'evidence.resourceSharingCatalogueDocumentId',
      'evidence.dataLandingDocumentId',
    ]);
  });

  it('wants the asset register on record, every item registered, before acceptance (ART21-ASSETS)', () => {
    expect(codes(assetGate(undefined))).toEqual(['ART21-ASSETS']);
    expect(codes(assetGate(assets(['A-1', null])))).toEqual(['ART21-ASSETS']);
    expect(assetGate(assets(['A-1', 'A-2']))).toEqual([]);
  });
});

describe('filing, self-evaluation and O&M (ART29, ART30, ART07, ART26)', () => {
  it('holds construction and O&M funds from the start of ART29-FILING, and starts ART30-SELF-EVALUATION as a policy period', () => {
    expect(OBLIGATIONS['ART29-FILING']).toMatchObject({ unit: 'working-days', holdsFromStart: true });
    expect(OBLIGATIONS['ART29-FILING']?.period(DEFAULT_POLICY)).toBe(30);
    expect(OBLIGATIONS['ART30-SELF-EVALUATION']).toMatchObject({ unit: 'days' });
    expect(OBLIGATIONS['ART30-SELF-EVALUATION']?.zh).toMatch(/政策设定/);
  });

  it('owes the first ART07-OM-FUNDING report on the first policy date after acceptance, then one a year', () => {
    expect(firstOmYear('2026-10-30', DEFAULT_POLICY)).toBe(2026);
    expect(firstOmYear('2026-10-31', DEFAULT_POLICY)).toBe(2027);
    expect(omDueDate(2027, DEFAULT_POLICY)).toBe('2027-10-31');
    expect(nextYearDuty({ key: 'om-2027', dueBasis: { from: '2027-10-31', amount: 0, unit: 'days' } })).toEqual({
      key: 'om-2028',
      from: '2028-10-31',
    });
    expect(OBLIGATIONS['ART07-OM-FUNDING']).toMatchObject({ yearly: { keyPrefix: 'om-' }, cuts: ['operations'] });
  });

  it('finds ART07-OM-FUNDING in a report not on the cloud, not sharing or not collaborating, and ART26-GOV-CLOUD off the cloud', () => {
    const report = {
      year: 2027,
      onGovCloud: true,
      dataSharedAsDeclared: true,
      collaboratingAsDeclared: true,
      evidenceDocumentId: 'e',
    };
    const today = shanghaiDate(new Date());
    const govCloud = { constructionType: 'new', deployment: { target: 'gov-cloud' as const } };
    const publicCloud = { constructionType: 'new', deployment: { target: 'public-cloud' as const } };
    expect(operationsFindings(report, govCloud, today)).toEqual([]);
    expect(operationsFindings({ ...report, dataSharedAsDeclared: false }, govCloud, today)).toEqual([
      { code: 'ART07-OM-FUNDING', failed: ['dataSharedAsDeclared'] },
    ]);
    expect(operationsFindings({ ...report, onGovCloud: false }, publicCloud, today).map((f) => f.code)).toEqual([
      'ART07-OM-FUNDING',
      'ART26-GOV-CLOUD',
    ]);
  });
});

describe('decommissioning (ART32)', () => {
  const input = { reason: '整合', expertOpinionDocumentId: 'o', collectiveDecisionDocumentId: 'd' };

  it('takes the collective decision after the expert opinion (ART32-DECOMMISSION)', () => {
    const opinion = document('o', 'decommission-expert-opinion', '2027-01-01T00:00:00.000Z');
    expect(
      decommissionViolations(input, [opinion, document('d', 'decommission-decision', '2027-01-02T00:00:00.000Z')]),
    ).toEqual([]);
    expect(
      codes(
        decommissionViolations(input, [opinion, document('d', 'decommission-decision', '2026-12-31T00:00:00.000Z')]),
      ),
    ).toEqual(['ART32-DECOMMISSION']);
    expect(codes(decommissionViolations(input, []))).toEqual(['ART32-DECOMMISSION', 'ART32-DECOMMISSION']);
  });

  it('accounts for every registered asset in the ART32-DISPOSAL-REPORT', () => {
    const report = {
      documentId: 'r',
      assets: [{ registrationNo: 'A-1', disposal: 'scrap' as const, disposedOn: '2027-02-01' }],
    };
    expect(disposalViolations(report, assets(['A-1']), true)).toEqual([]);
    expect(disposalViolations(report, assets(['A-1', 'A-2']), true).map((v) => v.message)).toEqual([
      expect.stringContaining('(A-2) is not accounted for'),
    ]);
    // Unverified, and naming an asset the project never registered: both named.
    expect(disposalViolations(report, assets([]), false).map((v) => [v.code, v.path])).toEqual([
      ['ART32-DISPOSAL-REPORT', 'documentId'],
      ['ART32-DISPOSAL-REPORT', 'assets.0.registrationNo'],
    ]);
  });
});

describe('an O&M project off the government cloud (ART07, ART26)', () => {
  const completeBy = addMonths(shanghaiDate(new Date()), 6);
  const plan = { text: '迁入县政务云', completeBy };

  it('ART07-OM-FUNDING: owes one migration duty by its plan’s completeBy, never a yearly one', () => {
    expect(
      migrationDeadline({ constructionType: 'operations', deployment: { target: 'on-premise', migrationPlan: plan } }),
    ).toEqual({
      key: MIGRATION_DUTY_KEY,
      from: completeBy,
    });
    expect(isYearly({ code: 'ART07-OM-FUNDING', key: MIGRATION_DUTY_KEY })).toBe(false);
    expect(isYearly({ code: 'ART07-OM-FUNDING', key: 'om-2027' })).toBe(true);
    expect(isYearly({ code: 'ART29-FILING', key: 'acceptance' })).toBe(false);
  });

  it('ART07-OM-FUNDING: off the cloud within its plan an O&M project is migrating as required (ART26 only); past completeBy its report cuts O&M funds', () => {
    const project = {
      constructionType: 'operations',
      deployment: { target: 'public-cloud' as const, migrationPlan: plan },
    };
    const report = {
      year: 2027,
      onGovCloud: false,
      dataSharedAsDeclared: true,
      collaboratingAsDeclared: true,
      evidenceDocumentId: 'e',
    };
    expect(operationsFindings(report, project, completeBy)).toEqual([
      { code: 'ART26-GOV-CLOUD', failed: ['onGovCloud'] },
    ]);
    expect(operationsFindings(report, project, addCalendarDays(completeBy, 1)).map((f) => f.code)).toEqual([
      'ART07-OM-FUNDING',
      'ART26-GOV-CLOUD',
    ]);
  });

  it('ART07-OM-FUNDING: no migration is owed on the cloud, by a new system, or by a plan stored without a date', () => {
    expect(migrationDeadline({ constructionType: 'operations', deployment: { target: 'gov-cloud' } })).toBeNull();
    expect(
      migrationDeadline({ constructionType: 'new', deployment: { target: 'public-cloud', migrationPlan: plan } }),
    ).toBeNull();
    expect(
      migrationDeadline({
        constructionType: 'operations',
        deployment: { target: 'public-cloud', migrationPlan: '迁入' },
      }),
    ).toBeNull();
  });
});
