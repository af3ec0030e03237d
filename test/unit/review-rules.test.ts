import { describe, expect, it } from 'vitest';
import { approvalInput, needsFinanceReview, needsProjectApproval } from '#shared/domain/approval.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { assertMayDecide, CHECKLIST, type DecisionInput, decisionViolations } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';

const allOk = Object.fromEntries(Object.keys(CHECKLIST['tech-review']).map((item) => [item, { ok: true }]));
const opinion = (kind: ProjectDocument['kind'], status: ProjectDocument['status'] = 'verified'): ProjectDocument => ({
  id: 'op',
  projectId: 'p1',
  kind,
  fileName: 'o.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
  status,
  rejectionReason: null,
  versionId: null,
  uploadedBy: 'r',
  createdAt: '',
  verifiedAt: null,
  taskId: null,
});
const project = { id: 'p1', totalInvestmentFen: 60_000_000 };
const decision = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'approve',
  opinion: '同意',
  opinionDocumentId: 'op',
  checklist: allOk,
  ...overrides,
});
const codes = (v: { code: string }[]) => v.map((x) => x.code);

describe('routing of the approval workflow', () => {
  it('sends exactly 600,000.00 CNY to the Finance Bureau under ART14-FINANCE-REVIEW, and 599,999.99 not', () => {
    expect(needsFinanceReview({ totalInvestmentFen: 60_000_000 }, DEFAULT_POLICY)).toBe(true);
    expect(needsFinanceReview({ totalInvestmentFen: 59_999_999 }, DEFAULT_POLICY)).toBe(false);
  });

  it('sends key and engineering-construction projects to project approval under ART13-PROJECT-APPROVAL', () => {
    expect(needsProjectApproval({ keyProject: true, involvesConstruction: false })).toBe(true);
    expect(needsProjectApproval({ keyProject: false, involvesConstruction: true })).toBe(true);
    expect(needsProjectApproval({ keyProject: false, involvesConstruction: false })).toBe(false);
  });

  it('passes the computed branches to the workflow, never a threshold', () => {
    const input = approvalInput(
      {
        id: 'p',
        submissions: 2,
        keyProject: true,
        involvesConstruction: false,
        totalInvestmentFen: 60_000_000,
      } as never,
      DEFAULT_POLICY,
    );
    expect(input).toEqual({ projectId: 'p', submission: 2, reviews: { projectApproval: true, financeReview: true } });
  });
});

describe('a tech-review decision (ART13-TECH-REVIEW)', () => {
  it('accepts an approval with every item ok and a verified opinion', () => {
    expect(decisionViolations('tech-review', decision(), project, opinion('tech-review-opinion'))).toEqual([]);
  });

  it('refuses to approve a project in conflict with sharing policy under ART07-POLICY-CONFLICT', () => {
    const found = decisionViolations(
      'tech-review',
      decision({ checklist: { ...allOk, noPolicyConflict: { ok: false } } }),
      project,
      opinion('tech-review-opinion'),
    );
    expect(found).toEqual([
      expect.objectContaining({ code: 'ART07-POLICY-CONFLICT', article: 7, path: 'checklist.noPolicyConflict' }),
    ]);
  });

  it('refuses to approve a disguised project under ART07-DISGUISED', () => {
    const found = decisionViolations(
      'tech-review',
      decision({ checklist: { ...allOk, notDisguised: { ok: false } } }),
      project,
      opinion('tech-review-opinion'),
    );
    expect(codes(found)).toEqual(['ART07-DISGUISED']);
  });

  it('refuses to approve with a failed technical item or without a verified opinion under ART13-TECH-REVIEW', () => {
    const failed = decisionViolations(
      'tech-review',
      decision({ checklist: { ...allOk, cloudMigration: { ok: false } } }),
      project,
      opinion('tech-review-opinion'),
    );
    expect(codes(failed)).toEqual(['ART13-TECH-REVIEW']);
    expect(
      codes(decisionViolations('tech-review', decision(), project, opinion('tech-review-opinion', 'pending'))),
    ).toEqual(['ART13-TECH-REVIEW']);
    expect(codes(decisionViolations('tech-review', decision({ opinionDocumentId: null }), project, undefined))).toEqual(
      ['ART13-TECH-REVIEW'],
    );
  });

  it('lets a reviewer return a project that fails an item', () => {
    const returned = decision({
      decision: 'return',
      opinionDocumentId: null,
      checklist: { ...allOk, dataSharing: { ok: false, note: '补充共享清单' } },
    });
    expect(decisionViolations('tech-review', returned, project, undefined)).toEqual([]);
  });

  it('requires every checklist item, and only those (400, not a rule)', () => {
    const { notDisguised: _, ...missing } = allOk;
    expect(() => decisionViolations('tech-review', decision({ checklist: missing }), project, undefined)).toThrow(
      ValidationError,
    );
    expect(() =>
      decisionViolations('finance-review', decision({ checklist: { extra: { ok: true } } }), project, undefined),
    ).toThrow(ValidationError);
  });
});

describe('a finance decision (ART14-FINANCE-REVIEW)', () => {
  it('needs an approved budget within the declared total', () => {
    expect(
      codes(decisionViolations('finance-review', decision({ checklist: {} }), project, opinion('budget-approval'))),
    ).toEqual(['ART14-FINANCE-REVIEW']);
    expect(
      codes(
        decisionViolations(
          'finance-review',
          decision({ checklist: {}, approvedBudgetFen: 60_000_001 }),
          project,
          opinion('budget-approval'),
        ),
      ),
    ).toEqual(['ART14-FINANCE-REVIEW']);
    expect(
      decisionViolations(
        'finance-review',
        decision({ checklist: {}, approvedBudgetFen: 55_000_000 }),
        project,
        opinion('budget-approval'),
      ),
    ).toEqual([]);
  });

  it('needs the project-approval reply to approve under ART13-PROJECT-APPROVAL', () => {
    expect(
      codes(
        decisionViolations('project-approval', decision({ checklist: {} }), project, opinion('tech-review-opinion')),
      ),
    ).toEqual(['ART13-PROJECT-APPROVAL']);
  });
});

describe('separation of duties (ART04-ROLE)', () => {
  const task = { role: 'data-bureau', ownerDeptId: 'edu', submittedBy: 'zhang' };
  const actor = (overrides: Partial<Actor>): Actor => ({
    sub: 'li',
    name: '李',
    deptId: 'data',
    roles: ['data-bureau'],
    ...overrides,
  });

  it('lets the reviewing bureau decide', () => {
    expect(() => assertMayDecide(actor({}), task)).not.toThrow();
  });

  it('refuses the wrong role, the submitter and anyone of the owner department', () => {
    expect(() => assertMayDecide(actor({ roles: ['finance'] }), task)).toThrow(ForbiddenError);
    expect(() => assertMayDecide(actor({ sub: 'zhang' }), task)).toThrow(ForbiddenError);
    expect(() => assertMayDecide(actor({ deptId: 'edu' }), task)).toThrow(ForbiddenError);
  });
});
