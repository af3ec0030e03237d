import { describe, expect, it } from 'vitest';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import {
  type DecisionContext,
  type DecisionInput,
  decisionAuthority,
  decisionViolations,
} from '#shared/domain/review.ts';
import { checklistItems, openingReviews, REVIEWS, WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { needsFinanceReview, needsProjectApproval, routing, stateName } from '#shared/domain/workflow.ts';

const reviewer: Actor = { sub: 'r', name: '审核员', deptId: 'data', roles: ['data-bureau'] };
const allOk = (kind: keyof typeof REVIEWS) =>
  Object.fromEntries(checklistItems(kind).map((item) => [item, { ok: true }]));
const opinion = (kind: ProjectDocument['kind'], overrides: Partial<ProjectDocument> = {}): ProjectDocument => ({
  id: 'op',
  projectId: 'p1',
  kind,
  fileName: 'o.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
  status: 'verified',
  rejectionReason: null,
  versionId: null,
  uploadedBy: 'r',
  createdAt: '',
  verifiedAt: null,
  taskId: 't1',
  ...overrides,
});
const context = (document: ProjectDocument | undefined, overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  project: { id: 'p1' },
  task: { id: 't1', kind: 'tech-review', checklistItems: checklistItems('tech-review') },
  actor: reviewer,
  totalFen: 60_000_000,
  opinionDocument: document,
  ...overrides,
});
const decision = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'approve',
  opinion: '同意',
  opinionDocumentId: 'op',
  checklist: allOk('tech-review'),
  ...overrides,
});
const codes = (v: { code: string }[]) => v.map((x) => x.code);
const tech = (input: DecisionInput, document = opinion('tech-review-opinion')) =>
  decisionViolations('tech-review', input, context(document));

describe('the review catalogue', () => {
  it('names, for every review, its role, its rule, its opinion document and its workflow', () => {
    for (const [kind, review] of Object.entries(REVIEWS)) {
      const workflow = WORKFLOWS[review.workflow];
      expect([...openingReviews(review.workflow), ...workflow.parallel], kind).toContain(kind);
      // A review issues an opinion document, or is a confirmation decided with its opinion text alone.
      if (review.due === 'review') expect(review.opinion, kind).toMatch(/-/);
      else expect(review.opinion, kind).toBeNull();
    }
    expect(REVIEWS['tech-acceptance']).toMatchObject({ role: 'data-bureau', opinion: 'tech-acceptance-opinion' });
    expect(REVIEWS['completion-acceptance']).toMatchObject({ role: 'drc', opinion: 'completion-acceptance-report' });
  });

  it('builds the state names of the ASL from the review kinds', () => {
    expect(stateName('tech-review')).toBe('TechReview');
    expect(stateName('completion-acceptance')).toBe('CompletionAcceptance');
  });
});

describe('routing of the approval workflow', () => {
  const project = {
    keyProject: false,
    involvesConstruction: false,
    totalInvestmentFen: 58_000_000,
    approvedBy: [],
    approvedBudgetFen: null,
  };

  it('sends exactly 600,000.00 CNY to the Finance Bureau under ART14-FINANCE-REVIEW, and 599,999.99 not', () => {
    expect(needsFinanceReview(60_000_000, DEFAULT_POLICY)).toBe(true);
    expect(needsFinanceReview(59_999_999, DEFAULT_POLICY)).toBe(false);
  });

  it('sends key and engineering-construction projects to project approval under ART13-PROJECT-APPROVAL', () => {
    expect(needsProjectApproval({ keyProject: true, involvesConstruction: false })).toBe(true);
    expect(needsProjectApproval({ keyProject: false, involvesConstruction: true })).toBe(true);
    expect(needsProjectApproval({ keyProject: false, involvesConstruction: false })).toBe(false);
  });

  it('answers the Route step from the project as it stands, never from a threshold in ASL', () => {
    expect(routing('approval', project, DEFAULT_POLICY)).toEqual({
      'project-approval': false,
      'finance-review': false,
    });
    expect(
      routing('approval', { ...project, keyProject: true, totalInvestmentFen: 60_000_000 }, DEFAULT_POLICY),
    ).toEqual({ 'project-approval': true, 'finance-review': true });
  });

  it('sends the DRC completion acceptance only after ART13-PROJECT-APPROVAL (ART27-ACCEPTANCE-ORDER)', () => {
    expect(routing('acceptance', project, DEFAULT_POLICY)).toEqual({ 'completion-acceptance': false });
    expect(routing('acceptance', { ...project, approvedBy: ['project-approval'] }, DEFAULT_POLICY)).toEqual({
      'completion-acceptance': true,
    });
  });
});

describe('a tech-review decision (ART13-TECH-REVIEW)', () => {
  it('accepts an approval with every item ok and a verified opinion of the reviewer', () => {
    expect(tech(decision())).toEqual([]);
  });

  it('refuses to approve a project in conflict with sharing policy under ART07-POLICY-CONFLICT', () => {
    const found = tech(decision({ checklist: { ...allOk('tech-review'), noPolicyConflict: { ok: false } } }));
    expect(found).toEqual([
      expect.objectContaining({ code: 'ART07-POLICY-CONFLICT', article: 7, path: 'checklist.noPolicyConflict' }),
    ]);
  });

  it('refuses to approve a disguised project under ART07-DISGUISED', () => {
    expect(codes(tech(decision({ checklist: { ...allOk('tech-review'), notDisguised: { ok: false } } })))).toEqual([
      'ART07-DISGUISED',
    ]);
  });

  it('refuses to approve with a failed technical item or without a verified opinion under ART13-TECH-REVIEW', () => {
    expect(codes(tech(decision({ checklist: { ...allOk('tech-review'), cloudMigration: { ok: false } } })))).toEqual([
      'ART13-TECH-REVIEW',
    ]);
    expect(codes(tech(decision(), opinion('tech-review-opinion', { status: 'pending' })))).toEqual([
      'ART13-TECH-REVIEW',
    ]);
    expect(codes(decisionViolations('tech-review', decision({ opinionDocumentId: null }), context(undefined)))).toEqual(
      ['ART13-TECH-REVIEW'],
    );
  });

  it('records ART06-ANNUAL-PLAN as answered but does not block approval on it', () => {
    expect(
      tech(decision({ checklist: { ...allOk('tech-review'), inAnnualPlan: { ok: false, note: '未列入' } } })),
    ).toEqual([]);
  });

  it('ART02-SCOPE-KIND: judges whether a project of another category is a data project (categoryJustified)', () => {
    expect(codes(tech(decision({ checklist: { ...allOk('tech-review'), categoryJustified: { ok: false } } })))).toEqual(
      ['ART02-SCOPE-KIND'],
    );
  });

  it('asks the reviewer to confirm the classification (classificationConfirmed, ART13-PROJECT-APPROVAL)', () => {
    expect(
      codes(tech(decision({ checklist: { ...allOk('tech-review'), classificationConfirmed: { ok: false } } }))),
    ).toEqual(['ART13-PROJECT-APPROVAL']);
  });

  it('refuses to approve a classification corrected to a forbidden scope under ART07-FORBIDDEN-SCOPE', () => {
    const classification = {
      keyProject: false,
      involvesConstruction: false,
      scope: { dataCentre: true, machineRoom: false, cloudPlatform: false },
    };
    expect(tech(decision({ classification }))).toEqual([
      expect.objectContaining({ code: 'ART07-FORBIDDEN-SCOPE', path: 'classification.scope.dataCentre' }),
    ]);
    expect(tech(decision({ decision: 'reject', opinionDocumentId: null, classification }))).toEqual([]);
  });

  it('refuses an opinion document another person uploaded, or one for another review, under ART04-ROLE', () => {
    expect(codes(tech(decision(), opinion('tech-review-opinion', { uploadedBy: 'someone-else' })))).toEqual([
      'ART04-ROLE',
    ]);
    expect(codes(tech(decision(), opinion('tech-review-opinion', { taskId: 'an-older-task' })))).toEqual([
      'ART04-ROLE',
    ]);
  });

  it('lets a reviewer return a project that fails an item', () => {
    const returned = decision({
      decision: 'return',
      opinionDocumentId: null,
      checklist: { ...allOk('tech-review'), dataSharing: { ok: false, note: '补充共享清单' } },
    });
    expect(decisionViolations('tech-review', returned, context(undefined))).toEqual([]);
  });

  it('requires every checklist item, and only those, and a classification only from the technical review (400)', () => {
    const { notDisguised: _, ...missing } = allOk('tech-review');
    expect(() => decisionViolations('tech-review', decision({ checklist: missing }), context(undefined))).toThrow(
      ValidationError,
    );
    expect(() =>
      decisionViolations('finance-review', decision({ checklist: { extra: { ok: true } } }), context(undefined)),
    ).toThrow(ValidationError);
    expect(() =>
      decisionViolations(
        'finance-review',
        decision({
          checklist: {},
          classification: {
            keyProject: true,
            involvesConstruction: false,
            scope: { dataCentre: false, machineRoom: false, cloudPlatform: false },
          },
        }),
        context(undefined),
      ),
    ).toThrow(ValidationError);
  });
});

describe('a finance decision (ART14-FINANCE-REVIEW)', () => {
  const finance = (input: Partial<DecisionInput>, total = 60_000_000) =>
    codes(
      decisionViolations(
        'finance-review',
        decision({ checklist: {}, ...input }),
        context(opinion('budget-approval'), { totalFen: total }),
      ),
    );

  it('needs an approved budget within the total under review', () => {
    expect(finance({})).toEqual(['ART14-FINANCE-REVIEW']);
    expect(finance({ approvedBudgetFen: 60_000_001 })).toEqual(['ART14-FINANCE-REVIEW']);
    expect(finance({ approvedBudgetFen: 60_000_000 })).toEqual([]);
    expect(finance({ approvedBudgetFen: 55_000_000 })).toEqual([]);
  });

  it('ART14-FINANCE-REVIEW: says in Chinese that the budget exceeds the total, not only that a review is due', () => {
    const [over] = decisionViolations(
      'finance-review',
      decision({ checklist: {}, approvedBudgetFen: 60_000_001 }),
      context(opinion('budget-approval'), { totalFen: 60_000_000 }),
    );
    expect(over?.path).toBe('approvedBudgetFen');
    expect(over?.messageZh).toContain('批复预算不得超过申报总投资');
  });

  it('ART14-FINANCE-REVIEW: no other review states a budget (400 naming approvedBudgetFen)', () => {
    const refused = (() => {
      try {
        tech(decision({ approvedBudgetFen: 500_000_000 }));
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(refused)).toContain('approvedBudgetFen');
    expect(tech(decision({ approvedBudgetFen: null }))).toEqual([]);
  });

  it('needs the project-approval reply to approve under ART13-PROJECT-APPROVAL', () => {
    expect(
      codes(
        decisionViolations('project-approval', decision({ checklist: {} }), context(opinion('tech-review-opinion'))),
      ),
    ).toEqual(['ART13-PROJECT-APPROVAL']);
  });
});

describe('a technical acceptance (ART28-ACCEPTANCE-EVIDENCE)', () => {
  it('asks the six ART28 items and refuses approval while one fails', () => {
    expect(checklistItems('tech-acceptance')).toEqual([
      'selfControllable',
      'cryptoApplication',
      'securityReview',
      'softwareTest',
      'resourceSharingCatalogue',
      'dataLanding',
    ]);
    const found = decisionViolations(
      'tech-acceptance',
      decision({ checklist: { ...allOk('tech-acceptance'), dataLanding: { ok: false } } }),
      context(opinion('tech-acceptance-opinion'), {
        task: { id: 't1', kind: 'tech-acceptance', checklistItems: checklistItems('tech-acceptance') },
      }),
    );
    expect(codes(found)).toEqual(['ART28-ACCEPTANCE-EVIDENCE']);
  });
});

describe('separation of duties (ART04-ROLE)', () => {
  const task = { role: 'data-bureau', ownerDeptId: 'edu', ownerBureauRole: null, submittedBy: 'zhang' };
  const actor = (overrides: Partial<Actor>): Actor => ({
    sub: 'li',
    name: '李',
    deptId: 'data',
    roles: ['data-bureau'],
    ...overrides,
  });

  it('lets the reviewing bureau decide', () => {
    expect(decisionAuthority(actor({}), task)).toEqual({ conflictOfInterest: false });
  });

  it('refuses the wrong role, the submitter and anyone of the owner department', () => {
    expect(() => decisionAuthority(actor({ roles: ['finance'] }), task)).toThrow(ForbiddenError);
    expect(() => decisionAuthority(actor({ sub: 'zhang' }), task)).toThrow(ForbiddenError);
    expect(() => decisionAuthority(actor({ deptId: 'edu' }), task)).toThrow(ForbiddenError);
  });

  it('lets a bureau decide the review of its own project, marked conflictOfInterest, rather than deadlock (ART04-ROLE)', () => {
    const own = { ...task, ownerDeptId: 'data', ownerBureauRole: 'data-bureau' as const };
    expect(decisionAuthority(actor({}), own)).toEqual({ conflictOfInterest: true });
    expect(() => decisionAuthority(actor({ sub: 'zhang' }), own)).toThrow(ForbiddenError);
    // The bureau is the data bureau: its staff still may not decide another bureau's review of its project.
    expect(() =>
      decisionAuthority(actor({ roles: ['finance'] }), { ...own, role: 'finance', ownerBureauRole: 'data-bureau' }),
    ).toThrow(ForbiddenError);
  });
});
