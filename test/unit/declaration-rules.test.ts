import { describe, expect, it } from 'vitest';
import { addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import type { Department } from '#shared/domain/department.schema.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { DEFAULT_POLICY, measuresValidity, validityWarnings } from '#shared/domain/policy.ts';
import { migrationPlanOf, type Project, ProjectInputSchema } from '#shared/domain/project.schema.ts';
import { annualPlanWarnings, declarationViolations, scopeViolations } from '#shared/domain/rules/declaration.ts';

const input = (overrides: Record<string, unknown> = {}) =>
  ProjectInputSchema.parse({
    name: '县社会治理综合指挥平台',
    year: 2026,
    category: 'application-system',
    constructionType: 'new',
    fundingMode: 'government-invested',
    totalInvestmentFen: 58_000_000,
    interop: { interconnection: '政务外网', dataSharing: '共享平台', businessCollaboration: '指挥中心' },
    ...overrides,
  });

const project = (overrides: Partial<Project> = {}): Project => ({
  ...input(),
  emergency: null,
  id: 'p1',
  code: 'LC-2026-0001',
  ownerDeptId: 'edu',
  stage: 'draft',
  openReviews: [],
  version: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'u1',
  submittedBy: null,
  submittedAt: null,
  warnings: [],
  signOff: { by: 'head', name: '局长', at: '2026-11-01T00:00:00.000Z', internalReviewDocumentId: 'd4' },
  confirmations: {},
  rounds: {},
  approvedBy: [],
  approvedEstimateFen: null,
  approvedBudgetFen: null,
  approvedOn: null,
  constructionStartedAt: null,
  completedOn: null,
  acceptedOn: null,
  filedOn: null,
  decommissionedOn: null,
  ...overrides,
});

const doc = (
  kind: ProjectDocument['kind'],
  status: ProjectDocument['status'] = 'verified',
  id: string = kind,
): ProjectDocument => ({
  id,
  projectId: 'p1',
  kind,
  fileName: `${kind}.pdf`,
  contentType: 'application/pdf',
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
  status,
  rejectionReason: null,
  versionId: null,
  uploadedBy: 'u1',
  createdAt: '2026-11-01T00:00:00.000Z',
  verifiedAt: null,
  taskId: null,
});

const department: Department = {
  id: 'edu',
  name: '教育局',
  dataManagementUnit: { name: '信息股', contact: '0356' },
  bureauRole: null,
  version: 1,
  updatedAt: '',
  updatedBy: '',
};
const complete = [doc('collective-decision'), doc('construction-plan'), doc('expert-opinion')];
const codes = (violations: { code: string }[]) => violations.map((v) => v.code);

describe('scope rules (refused at creation and on every edit)', () => {
  it('accepts an ordinary declaration', () => {
    expect(scopeViolations(input(), 'edu')).toEqual([]);
  });

  it('refuses a classified project under ART02-SCOPE-CLASSIFIED', () => {
    const found = scopeViolations(input({ classified: true }), 'edu');
    expect(found).toEqual([
      expect.objectContaining({ code: 'ART02-SCOPE-CLASSIFIED', article: 2, path: 'classified' }),
    ]);
    expect(found[0]?.messageZh).toMatch(/涉密/);
  });

  it('refuses an unknown category, construction type and funding mode under ART02-SCOPE-KIND, each named', () => {
    const found = scopeViolations(
      input({ category: 'weapons', constructionType: 'demolition', fundingMode: 'loan' }),
      'edu',
    );
    expect(found.map((v) => [v.code, v.path])).toEqual([
      ['ART02-SCOPE-KIND', 'category'],
      ['ART02-SCOPE-KIND', 'constructionType'],
      ['ART02-SCOPE-KIND', 'fundingMode'],
    ]);
  });

  it('refuses data centres, machine rooms and cloud platforms under ART07-FORBIDDEN-SCOPE', () => {
    const found = scopeViolations(
      input({ scope: { dataCentre: true, machineRoom: true, cloudPlatform: true } }),
      'edu',
    );
    expect(found.map((v) => v.path)).toEqual(['scope.dataCentre', 'scope.machineRoom', 'scope.cloudPlatform']);
    expect(new Set(codes(found))).toEqual(new Set(['ART07-FORBIDDEN-SCOPE']));
  });

  it('refuses a county share of construction or of O&M funds above the total under ART08-COUNTY-SHARE', () => {
    const share = (countyShareFen: number, countyOmShareFen: number) =>
      scopeViolations(input({ cityCountyCoBuild: { countyShareFen, countyOmShareFen } }), 'edu');
    expect(share(58_000_001, 1).map((v) => [v.code, v.path])).toEqual([
      ['ART08-COUNTY-SHARE', 'cityCountyCoBuild.countyShareFen'],
    ]);
    expect(share(1, 58_000_001).map((v) => [v.code, v.path])).toEqual([
      ['ART08-COUNTY-SHARE', 'cityCountyCoBuild.countyOmShareFen'],
    ]);
    expect(share(58_000_000, 58_000_000)).toEqual([]);
  });

  it('lists every violation at once', () => {
    const found = scopeViolations(input({ classified: true, category: 'x', scope: { dataCentre: true } }), 'edu');
    expect(codes(found)).toEqual(['ART02-SCOPE-CLASSIFIED', 'ART02-SCOPE-KIND', 'ART07-FORBIDDEN-SCOPE']);
  });
});

describe('completeness rules (checked at submit)', () => {
  it('passes a complete declaration', () => {
    expect(declarationViolations(project(), { department, documents: complete })).toEqual([]);
  });

  it('requires a designated data-management unit under ART09-DATA-UNIT', () => {
    const found = declarationViolations(project(), {
      department: { ...department, dataManagementUnit: null },
      documents: complete,
    });
    expect(codes(found)).toEqual(['ART09-DATA-UNIT']);
    expect(codes(declarationViolations(project(), { department: undefined, documents: complete }))).toEqual([
      'ART09-DATA-UNIT',
    ]);
  });

  it("requires the head's sign-off under ART10-HEAD-SIGNOFF", () => {
    expect(codes(declarationViolations(project({ signOff: null }), { department, documents: complete }))).toEqual([
      'ART10-HEAD-SIGNOFF',
    ]);
  });

  it('requires every co-builder to confirm under ART11-JOINT-DECLARATION', () => {
    const joint = project({
      coBuilderDeptIds: ['health', 'civil'],
      confirmations: { health: { by: 'h', name: 'h', at: '' } },
    });
    const found = declarationViolations(joint, { department, documents: complete });
    expect(found).toEqual([expect.objectContaining({ code: 'ART11-JOINT-DECLARATION', path: 'confirmations' })]);
    expect(found[0]?.message).toContain('civil');
    expect(codes(scopeViolations(input({ coBuilderDeptIds: ['edu'] }), 'edu'))).toEqual(['ART11-JOINT-DECLARATION']);
  });

  it('requires verified minutes, plan and expert opinion under ART12-DEMAND-DOCS (pending ones do not count)', () => {
    const found = declarationViolations(project(), {
      department,
      documents: [doc('collective-decision', 'pending'), doc('construction-plan', 'rejected')],
    });
    expect(found.map((v) => [v.code, v.path])).toEqual([
      ['ART12-DEMAND-DOCS', 'documents.collective-decision'],
      ['ART12-DEMAND-DOCS', 'documents.construction-plan'],
      ['ART12-DEMAND-DOCS', 'documents.expert-opinion'],
    ]);
  });

  it('requires interconnection, data sharing and collaboration under ART07-NO-INTEROP', () => {
    const found = declarationViolations(
      project({ interop: { interconnection: ' ', dataSharing: '', businessCollaboration: '联动' } }),
      { department, documents: complete },
    );
    expect(found.map((v) => [v.code, v.path])).toEqual([
      ['ART07-NO-INTEROP', 'interop.interconnection'],
      ['ART07-NO-INTEROP', 'interop.dataSharing'],
    ]);
  });

  it('requires the risk assessment and migration plan for on-premise too under ART26-GOV-CLOUD', () => {
    const onPremise = project({ deployment: { target: 'on-premise' } });
    expect(declarationViolations(onPremise, { department, documents: complete }).map((v) => [v.code, v.path])).toEqual([
      ['ART26-GOV-CLOUD', 'deployment.riskAssessmentDocumentId'],
      ['ART26-GOV-CLOUD', 'deployment.migrationPlan'],
    ]);
    const cured = project({
      deployment: { target: 'on-premise', riskAssessmentDocumentId: 'ra', migrationPlan: '2027 迁入政务云' },
    });
    expect(
      declarationViolations(cured, { department, documents: [...complete, doc('risk-assessment', 'verified', 'ra')] }),
    ).toEqual([]);
  });

  it('ART26-GOV-CLOUD: an O&M project off the government cloud states the date its migration is complete by (ART07)', () => {
    const documents = [...complete, doc('risk-assessment', 'verified', 'ra')];
    const paths = (deployment: Project['deployment']) =>
      declarationViolations(project({ constructionType: 'operations', deployment }), { department, documents }).map(
        (v) => [v.code, v.path],
      );
    // A plan as text alone (as stored before the rule) says no date.
    expect(paths({ target: 'public-cloud', riskAssessmentDocumentId: 'ra', migrationPlan: '迁入县政务云' })).toEqual([
      ['ART26-GOV-CLOUD', 'deployment.migrationPlan.completeBy'],
    ]);
    expect(
      paths({ target: 'on-premise', riskAssessmentDocumentId: 'ra', migrationPlan: { text: '迁入县政务云' } }),
    ).toEqual([['ART26-GOV-CLOUD', 'deployment.migrationPlan.completeBy']]);
    const completeBy = addMonths(shanghaiDate(new Date()), 6);
    expect(
      paths({
        target: 'on-premise',
        riskAssessmentDocumentId: 'ra',
        migrationPlan: { text: '迁入县政务云', completeBy },
      }),
    ).toEqual([]);
    // On the government cloud there is nothing to migrate; a new system's plan needs no date.
    expect(paths({ target: 'gov-cloud' })).toEqual([]);
    expect(
      declarationViolations(
        project({ deployment: { target: 'public-cloud', riskAssessmentDocumentId: 'ra', migrationPlan: '迁入' } }),
        { department, documents },
      ),
    ).toEqual([]);
    expect(migrationPlanOf({ migrationPlan: '迁入' })).toEqual({ text: '迁入', completeBy: null });
  });

  it('requires a verified risk assessment and a migration plan for public cloud under ART26-GOV-CLOUD', () => {
    const publicCloud = project({ deployment: { target: 'public-cloud', riskAssessmentDocumentId: 'ra' } });
    expect(codes(declarationViolations(publicCloud, { department, documents: complete }))).toEqual([
      'ART26-GOV-CLOUD',
      'ART26-GOV-CLOUD',
    ]);
    const cured = project({
      deployment: { target: 'public-cloud', riskAssessmentDocumentId: 'ra', migrationPlan: '2027 迁移' },
    });
    expect(
      declarationViolations(cured, { department, documents: [...complete, doc('risk-assessment', 'verified', 'ra')] }),
    ).toEqual([]);
  });

  it('reports every missing piece at once', () => {
    const found = declarationViolations(
      project({ signOff: null, interop: { interconnection: '', dataSharing: '', businessCollaboration: '' } }),
      {
        department: undefined,
        documents: [],
      },
    );
    expect(new Set(codes(found))).toEqual(
      new Set(['ART09-DATA-UNIT', 'ART07-NO-INTEROP', 'ART10-HEAD-SIGNOFF', 'ART12-DEMAND-DOCS']),
    );
  });
});

describe('ART06-ANNUAL-PLAN', () => {
  const plan = { year: 2026, items: [{ id: 'plan-7', deptId: 'edu', name: '指挥平台' }], updatedAt: '', updatedBy: '' };

  it('warns when a plan exists for the year and the project is not in it', () => {
    expect(codes(annualPlanWarnings({ year: 2026, ownerDeptId: 'edu', annualPlanItemId: null }, plan))).toEqual([
      'ART06-ANNUAL-PLAN',
    ]);
    expect(codes(annualPlanWarnings({ year: 2026, ownerDeptId: 'health', annualPlanItemId: 'plan-7' }, plan))).toEqual([
      'ART06-ANNUAL-PLAN',
    ]);
  });

  it('says nothing when the project is in the plan', () => {
    expect(annualPlanWarnings({ year: 2026, ownerDeptId: 'edu', annualPlanItemId: 'plan-7' }, plan)).toEqual([]);
  });

  it('warns under ART06-ANNUAL-PLAN when the year has no approved plan at all', () => {
    expect(annualPlanWarnings({ year: 2027, ownerDeptId: 'edu', annualPlanItemId: null }, undefined)).toEqual([
      expect.objectContaining({ code: 'ART06-ANNUAL-PLAN', path: 'year' }),
    ]);
  });
});

describe('ART35-VALIDITY', () => {
  it('knows the measures are in force from 2024-09-20 for five years', () => {
    expect(measuresValidity(DEFAULT_POLICY, '2026-11-28')).toEqual({
      inForce: '2024-09-20',
      expires: '2029-09-19',
      daysLeft: 1026,
    });
  });

  it('warns under ART35-VALIDITY on a submission within 180 days of the end, or after it; not before', () => {
    expect(validityWarnings(DEFAULT_POLICY, '2029-03-22')).toEqual([]);
    expect(validityWarnings(DEFAULT_POLICY, '2029-03-23')).toEqual([
      expect.objectContaining({ code: 'ART35-VALIDITY', article: 35 }),
    ]);
    expect(validityWarnings(DEFAULT_POLICY, '2029-09-20')[0]?.message).toMatch(/expired on 2029-09-19/);
    expect(validityWarnings(DEFAULT_POLICY, '2029-09-20')[0]?.messageZh).toMatch(/已于 2029-09-19 期满/);
    expect(validityWarnings(DEFAULT_POLICY, '2029-09-01')[0]?.messageZh).toMatch(/有效期至 2029-09-19，尚余 18 日/);
  });

  it('warns under ART35-VALIDITY on a submission before the measures are in force (2024-09-20), not on that day', () => {
    expect(validityWarnings(DEFAULT_POLICY, '2024-09-19')).toEqual([
      expect.objectContaining({ code: 'ART35-VALIDITY', article: 35, path: 'submittedAt' }),
    ]);
    expect(validityWarnings(DEFAULT_POLICY, '2024-09-19')[0]?.message).toMatch(/come into force on 2024-09-20/);
    expect(validityWarnings(DEFAULT_POLICY, '2024-09-20')).toEqual([]);
  });
});
