import { describe, expect, it } from 'vitest';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import {
  type Change,
  type ChangeInput,
  changeLimitFen,
  changeViolations,
  changeWorkflow,
  classifyChange,
  needsBudgetReview,
} from '#shared/domain/change.ts';
import {
  assetViolations,
  milestoneDeviations,
  refuseUnsoundBaseline,
  type SecurityRecord,
  securityGate,
} from '#shared/domain/construction.ts';
import {
  type Contract,
  type ContractInput,
  ContractInputSchema,
  constructionGates,
  contractViolations,
} from '#shared/domain/contract.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import {
  type ProcurementPlan,
  ProcurementPlanInputSchema,
  procurementPlanViolations,
  validCreditCode,
} from '#shared/domain/procurement.ts';
import type { Actor } from '#shared/domain/roles.ts';

const codes = (found: { code: string }[]) => found.map((v) => v.code);
const allVerified = () => true;
const VENDOR = '91350100M000100Y43';

describe('the unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose check character is right and refuses one wrong character', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '911100001000079554', '91440300708461136T']) {
      expect(validCreditCode(code), code).toBe(true);
    }
    expect(validCreditCode('91350100M000100Y44')).toBe(false);
    expect(validCreditCode('91350100M000100Y4')).toBe(false);
    expect(validCreditCode('91350100M00010OY43')).toBe(false);
  });
});

describe('the procurement plan (ART16, ART17, ART18)', () => {
  const plan = {
    planDocumentId: 'p',
    budgetFen: 50_000_000,
    method: 'public-tender' as const,
    requiredQualifications: [],
  };
  const project = {
    approvedBudgetFen: null,
    approvedEstimateFen: 50_000_000,
    totalInvestmentFen: 50_000_000,
    classified: false,
    emergency: null,
  };

  it('keeps its budget within the approved estimate without a finance review, the estimate itself allowed (ART17-WITHIN-BUDGET)', () => {
    expect(procurementPlanViolations(plan, project, allVerified)).toEqual([]);
    expect(codes(procurementPlanViolations({ ...plan, budgetFen: 50_000_001 }, project, allVerified))).toEqual([
      'ART17-WITHIN-BUDGET',
    ]);
  });

  it('keeps its budget within the approved budget where finance reviewed it (ART17-WITHIN-BUDGET)', () => {
    const reviewed = { ...project, approvedBudgetFen: 45_000_000 };
    expect(codes(procurementPlanViolations(plan, reviewed, allVerified))).toEqual(['ART17-WITHIN-BUDGET']);
    expect(procurementPlanViolations({ ...plan, budgetFen: 45_000_000 }, reviewed, allVerified)).toEqual([]);
  });

  it('refuses a classified qualification required of a non-classified project (ART18-QUALIFICATION)', () => {
    const found = procurementPlanViolations(
      { ...plan, requiredQualifications: [{ name: '涉密信息系统集成甲级', classified: true }] },
      project,
      allVerified,
    );
    expect(found.map((v) => [v.code, v.path])).toEqual([
      ['ART18-QUALIFICATION', 'requiredQualifications.0.classified'],
    ]);
  });

  it('needs its plan document verified (ART16-PROCUREMENT-PLAN)', () => {
    expect(codes(procurementPlanViolations(plan, project, () => false))).toEqual(['ART16-PROCUREMENT-PLAN']);
  });
});

describe('a contract (ART16, ART17, ART18, ART23)', () => {
  const plan: ProcurementPlan = {
    id: 'current',
    projectId: 'p',
    planDocumentId: 'd',
    budgetFen: 10_000_000,
    method: 'public-tender',
    requiredQualifications: [{ name: '信息系统建设和服务能力等级证书', classified: false }],
    recordedAt: '',
    recordedBy: '',
  };
  const qualified = [
    { kind: 'it-construction' as const, name: '信息系统建设和服务能力等级证书', certificateNo: 'CS-1' },
  ];
  const contract = (overrides: Partial<ContractInput> = {}): ContractInput => ({
    kind: 'construction',
    vendor: { name: '某科技有限公司', creditCode: VENDOR, qualifications: qualified },
    amountFen: 6_000_000,
    signedOn: '2026-11-20',
    contractDocumentId: 'c',
    qualificationReviewDocumentId: 'q',
    wholeTransfer: false,
    subcontractors: [],
    ...overrides,
  });
  const context = (
    overrides: Partial<Parameters<typeof contractViolations>[1]> = {},
  ): Parameters<typeof contractViolations>[1] => ({
    plan,
    noticePublished: true,
    noticesPublishedOn: [],
    contracted: [] as Pick<Contract, 'amountFen'>[],
    approvedBudgetFen: null,
    verified: allVerified,
    ...overrides,
  });

  it('comes after a filed plan and a published notice (ART16-PROCUREMENT-PLAN)', () => {
    expect(codes(contractViolations(contract(), context({ plan: undefined, noticePublished: false })))).toEqual([
      'ART16-PROCUREMENT-PLAN',
      'ART16-PROCUREMENT-PLAN',
    ]);
    expect(codes(contractViolations(contract(), context({ noticePublished: false })))).toEqual([
      'ART16-PROCUREMENT-PLAN',
    ]);
  });

  it('keeps all contracts together within the procurement budget, exact fen, the budget itself allowed (ART17-WITHIN-BUDGET)', () => {
    expect(
      contractViolations(contract({ amountFen: 4_000_000 }), context({ contracted: [{ amountFen: 6_000_000 }] })),
    ).toEqual([]);
    expect(
      codes(
        contractViolations(contract({ amountFen: 4_000_001 }), context({ contracted: [{ amountFen: 6_000_000 }] })),
      ),
    ).toEqual(['ART17-WITHIN-BUDGET']);
  });

  it('ART17-WITHIN-BUDGET: judges contracts against the lower of the procurement budget and the approved budget', () => {
    const lower = context({ contracted: [{ amountFen: 6_000_000 }], approvedBudgetFen: 8_000_000 });
    expect(contractViolations(contract({ amountFen: 2_000_000 }), lower)).toEqual([]);
    const [over] = contractViolations(contract({ amountFen: 2_000_001 }), lower);
    expect(over).toMatchObject({ code: 'ART17-WITHIN-BUDGET', article: 17, path: 'amountFen' });
    expect(over?.message).toContain('approved budget of 8000000 fen');
    // An approved budget above the plan's leaves the plan's budget the ceiling.
    expect(
      codes(contractViolations(contract({ amountFen: 4_000_001 }), { ...lower, approvedBudgetFen: 50_000_000 })),
    ).toEqual(['ART17-WITHIN-BUDGET']);
  });

  it('needs a verified qualification review and the qualifications the plan requires (ART18-QUALIFICATION)', () => {
    expect(
      codes(contractViolations(contract({ vendor: { name: 'x', creditCode: VENDOR, qualifications: [] } }), context())),
    ).toEqual(['ART18-QUALIFICATION']);
    expect(
      codes(contractViolations(contract(), context({ verified: (_, kind) => kind !== 'qualification-review' }))),
    ).toEqual(['ART18-QUALIFICATION']);
  });

  it('needs an it-supervision qualification of a supervision vendor (ART23-SUPERVISION)', () => {
    expect(codes(contractViolations(contract({ kind: 'supervision' }), context()))).toEqual(['ART23-SUPERVISION']);
    const supervisor = [{ kind: 'it-supervision' as const, name: '信息系统工程监理甲级', certificateNo: 'JL-1' }];
    expect(
      contractViolations(
        contract({ kind: 'supervision', vendor: { name: '监理公司', creditCode: VENDOR, qualifications: supervisor } }),
        context(),
      ),
    ).toEqual([]);
  });

  it('refuses a whole transfer and an unqualified subcontractor (ART18-NO-SUBCONTRACT)', () => {
    const found = contractViolations(
      contract({
        wholeTransfer: true,
        subcontractors: [
          { name: '分包商', creditCode: VENDOR, qualifications: [], scope: '布线', scopeKind: 'it-construction' },
        ],
      }),
      context(),
    );
    expect(found.map((v) => [v.code, v.path])).toEqual([
      ['ART18-NO-SUBCONTRACT', 'wholeTransfer'],
      ['ART18-NO-SUBCONTRACT', 'subcontractors.0.qualifications'],
    ]);
  });

  it('ART18-QUALIFICATION: a subcontractor holds a qualification of the kind of work it takes on', () => {
    const sub = (kind: 'it-construction' | 'it-service') => ({
      name: '分包商',
      creditCode: VENDOR,
      qualifications: [{ kind, name: '资质', certificateNo: 'X-1' }],
      scope: '运维服务',
      scopeKind: 'it-service' as const,
    });
    expect(contractViolations(contract({ subcontractors: [sub('it-service')] }), context())).toEqual([]);
    expect(
      contractViolations(contract({ subcontractors: [sub('it-construction')] }), context()).map((v) => [
        v.code,
        v.path,
      ]),
    ).toEqual([['ART18-QUALIFICATION', 'subcontractors.0.qualifications']]);
  });

  it('ART16-PROCUREMENT-PLAN: a contract is not signed before the notice was published', () => {
    const published = context({ noticesPublishedOn: ['2026-03-10', '2026-02-01'] });
    expect(contractViolations(contract({ signedOn: '2026-02-01' }), published)).toEqual([]);
    expect(contractViolations(contract({ signedOn: '2026-01-31' }), published).map((v) => [v.code, v.path])).toEqual([
      ['ART16-PROCUREMENT-PLAN', 'signedOn'],
    ]);
  });
});

describe('the start of construction (ART17, ART19, ART23, ART25)', () => {
  const construction = { kind: 'construction' } as Contract;
  const supervision = { kind: 'supervision' } as Contract;
  const confidential = {
    kind: 'construction',
    confidentialityAgreementDocumentId: 'a',
    staffConfidentialityDocumentId: 'b',
  } as Contract;

  it('lists every missing item at once: ART17-NO-BUILD-BEFORE-TENDER, ART19-RESPONSIBLE, ART23-SUPERVISION, ART25-CONFIDENTIALITY', () => {
    expect(constructionGates({ contracts: [], implementation: false }).map((g) => [g.violation.code, g.duty])).toEqual([
      ['ART17-NO-BUILD-BEFORE-TENDER', 'construction-contract'],
      ['ART19-RESPONSIBLE', 'implementation'],
      ['ART23-SUPERVISION', 'supervision-contract'],
      ['ART25-CONFIDENTIALITY', 'confidentiality'],
    ]);
  });

  it('wants the confidentiality agreements with the construction contract (ART25-CONFIDENTIALITY)', () => {
    expect(
      codes(
        constructionGates({ contracts: [construction, supervision], implementation: true }).map((g) => g.violation),
      ),
    ).toEqual(['ART25-CONFIDENTIALITY']);
    expect(constructionGates({ contracts: [confidential, supervision], implementation: true })).toEqual([]);
  });
});

describe('milestones, assets and security (ART20, ART21, ART24)', () => {
  const baseline = {
    plannedCompletionOn: '2027-06-30',
    milestones: [{ name: '需求确认', dueOn: '2027-01-31', plannedSpentFen: 1_000_000 }],
  };
  const report = {
    milestone: '需求确认',
    reportedOn: '2027-01-31',
    progressPercent: 20,
    spentFen: 1_000_000,
    quality: 'meets-standard' as const,
  };

  it('flags a late, over-plan or deficient milestone report as an ART20-BASELINE deviation, and none on plan', () => {
    expect(milestoneDeviations(report, baseline).deviations).toEqual([]);
    expect(
      milestoneDeviations({ ...report, reportedOn: '2027-02-01', spentFen: 1_000_001, quality: 'deficient' }, baseline)
        .deviations,
    ).toEqual(['late', 'over-plan', 'deficient']);
    expect(codes(milestoneDeviations({ ...report, milestone: '不存在' }, baseline).refused)).toEqual([
      'ART20-BASELINE',
    ]);
  });

  it('needs a registration number for every asset (ART21-ASSETS)', () => {
    const found = assetViolations({
      items: [
        { name: '服务器', kind: 'fixed', valueFen: 1, registrationNo: 'GZ-2027-1' },
        { name: '软件著作权', kind: 'intangible', valueFen: 1, registrationNo: null },
      ],
    });
    expect(found.map((v) => [v.code, v.path])).toEqual([['ART21-ASSETS', 'items.1.registrationNo']]);
  });

  it('holds acceptance until a confirmed MLPS filing, both assessments and a recent drill are on record (ART24-SECURITY)', () => {
    const record = (
      kind: 'mlps-filing' | 'security-assessment' | 'crypto-assessment',
      confirmedAt: string | null = null,
    ) => ({ kind, confirmedAt }) as SecurityRecord;
    expect(codes(securityGate([record('mlps-filing')], [{ on: '2025-01-01' }], '2027-06-01', 12))).toEqual([
      'ART24-SECURITY',
      'ART24-SECURITY',
      'ART24-SECURITY',
      'ART24-SECURITY',
    ]);
    expect(
      securityGate(
        [record('mlps-filing', '2027-05-01'), record('security-assessment'), record('crypto-assessment')],
        [{ on: '2026-06-01' }],
        '2027-06-01',
        12,
      ),
    ).toEqual([]);
  });
});

describe('a change (ART22)', () => {
  const project = {
    approvedEstimateFen: 100_000_000,
    totalInvestmentFen: 100_000_000,
    approvedBudgetFen: null as number | null,
  };
  const input = (overrides: Partial<ChangeInput> = {}): ChangeInput => ({
    reason: 'optimization',
    goalUnchanged: true,
    description: '优化技术方案',
    descriptionDocumentId: 'd',
    adjustedAmountFen: 10_000_000,
    newTotalInvestmentFen: 100_000_000,
    ...overrides,
  });
  const filed = (seq: number, adjustedAmountFen: number, status: Change['status'] = 'filed') => ({
    seq,
    status,
    adjustedAmountFen,
  });
  const route = (changeInput: ChangeInput, earlier: ReturnType<typeof filed>[] = []) =>
    classifyChange(changeInput, project, earlier, DEFAULT_POLICY).route;

  it('files a change of exactly 10% of the estimate (ART22-CHANGE-FILING), and re-approves one fen more (ART22-REAPPROVAL)', () => {
    expect(changeLimitFen(100_000_000, DEFAULT_POLICY)).toBe(10_000_000);
    expect(route(input())).toBe('filing');
    expect(route(input({ adjustedAmountFen: 10_000_001 }))).toBe('reapproval');
  });

  it('counts changes cumulatively: a second change of 6% after one of 6% goes back through approval (ART22-REAPPROVAL)', () => {
    expect(route(input({ adjustedAmountFen: 6_000_000 }))).toBe('filing');
    expect(route(input({ adjustedAmountFen: 6_000_000 }), [filed(1, 6_000_000)])).toBe('reapproval');
  });

  it('does not count rejected or returned changes, and starts counting again after a re-approval (ART22-CHANGE-FILING)', () => {
    expect(
      route(input({ adjustedAmountFen: 6_000_000 }), [
        filed(1, 6_000_000, 'rejected'),
        filed(2, 6_000_000, 'returned'),
      ]),
    ).toBe('filing');
    expect(route(input({ adjustedAmountFen: 6_000_000 }), [filed(1, 6_000_000), filed(2, 1, 'approved')])).toBe(
      'filing',
    );
  });

  it('re-approves a change for another reason, a changed goal, or a total above the estimate (ART22-REAPPROVAL)', () => {
    expect(route(input({ reason: 'other', adjustedAmountFen: 1 }))).toBe('reapproval');
    expect(route(input({ goalUnchanged: false, adjustedAmountFen: 1 }))).toBe('reapproval');
    expect(route(input({ newTotalInvestmentFen: 100_000_001, adjustedAmountFen: 1 }))).toBe('reapproval');
  });

  it('ART22-CHANGE-FILING: a filed change that raises the total above the approved budget waits for Finance (budgetReview required)', () => {
    // Estimate 100,000,000; Finance approved 96,000,000; the total stands at 95,000,000.
    const underBudget = { ...project, totalInvestmentFen: 95_000_000, approvedBudgetFen: 96_000_000 as number | null };
    const judged = (newTotalInvestmentFen: number, on = underBudget) =>
      classifyChange(input({ newTotalInvestmentFen, adjustedAmountFen: 4_000_000 }), on, [], DEFAULT_POLICY);
    expect(judged(99_000_000)).toMatchObject({ route: 'filing', budgetReview: 'required' });
    expect(changeWorkflow({ route: 'filing', budgetReview: 'required' })).toBe('budget');
    // Up to the budget itself, or a total that falls, asks Finance for nothing.
    expect(judged(96_000_000)).toMatchObject({ route: 'filing', budgetReview: null });
    expect(judged(92_000_000, { ...underBudget, approvedBudgetFen: 90_000_000 })).toMatchObject({
      budgetReview: null,
    });
    // A project below the finance threshold has no budget to exceed.
    expect(judged(99_000_000, { ...underBudget, approvedBudgetFen: null })).toMatchObject({ budgetReview: null });
    expect(needsBudgetReview(96_000_001, underBudget)).toBe(true);
    // A re-approval's own rounds decide the budget (ART22-REAPPROVAL): no second review is asked.
    const aboveEstimate = input({ newTotalInvestmentFen: 100_000_001, adjustedAmountFen: 5_000_001 });
    expect(classifyChange(aboveEstimate, underBudget, [], DEFAULT_POLICY)).toMatchObject({
      route: 'reapproval',
      budgetReview: null,
    });
    expect(changeWorkflow({ route: 'reapproval', budgetReview: null })).toBe('approval');
    expect(changeWorkflow({ route: 'filing', budgetReview: null })).toBeNull();
  });

  it('refuses an adjusted amount below the change it makes to the total (400)', () => {
    expect(() => route(input({ newTotalInvestmentFen: 95_000_000, adjustedAmountFen: 4_999_999 }))).toThrow(
      ValidationError,
    );
  });

  it('declares a re-approval only by the department head with a collective decision and expert opinion (ART22-REAPPROVAL)', () => {
    const staff: Actor = { sub: 's', name: 's', deptId: 'edu', roles: ['dept-staff'] };
    const head: Actor = { ...staff, roles: ['dept-head'] };
    expect(changeViolations(input(), 'reapproval', staff, (id) => id === 'd').map((v) => [v.code, v.path])).toEqual([
      ['ART22-REAPPROVAL', 'signOff'],
      ['ART22-REAPPROVAL', 'collectiveDecisionDocumentId'],
      ['ART22-REAPPROVAL', 'expertOpinionDocumentId'],
    ]);
    expect(
      changeViolations(
        input({ collectiveDecisionDocumentId: 'c', expertOpinionDocumentId: 'e' }),
        'reapproval',
        head,
        allVerified,
      ),
    ).toEqual([]);
    expect(codes(changeViolations(input(), 'filing', staff, () => false))).toEqual(['ART22-CHANGE-FILING']);
  });
});

describe('what a phase form must say to be on file at all', () => {
  const now = new Date('2026-11-28T18:00:00.000Z'); // 2026-11-29 02:00 in Lingchuan
  const issuesOf = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (error instanceof ValidationError) return error.issues;
      throw error;
    }
    return [];
  };

  it('ART17-WITHIN-BUDGET: a procurement budget or a contract of nothing is refused as malformed', () => {
    expect(ProcurementPlanInputSchema.shape.budgetFen.safeParse(0).success).toBe(false);
    expect(ProcurementPlanInputSchema.shape.budgetFen.safeParse(1).success).toBe(true);
    expect(ContractInputSchema.shape.amountFen.safeParse(0).success).toBe(false);
  });

  it('refuses a date reported as past that lies after today in Lingchuan, in Chinese too', () => {
    expect(issuesOf(() => refuseFutureDates({ publishedOn: '2026-11-29', signedOn: undefined }, now))).toEqual([]);
    const [ahead] = issuesOf(() => refuseFutureDates({ publishedOn: '2026-11-30' }, now));
    expect(ahead).toMatchObject({ path: 'publishedOn', messageZh: '不得晚于今天（2026-11-29）' });
  });

  it('ART20-BASELINE: a baseline completes no earlier than today, each milestone by its completion', () => {
    const baseline = {
      plannedCompletionOn: '2027-06-30',
      milestones: [
        { name: '需求分析', dueOn: '2026-12-15', plannedSpentFen: 10 },
        { name: '上线', dueOn: '2027-07-01', plannedSpentFen: 20 },
      ],
    };
    expect(issuesOf(() => refuseUnsoundBaseline(baseline, now)).map((i) => i.path)).toEqual([
      'baseline.milestones.1.dueOn',
    ]);
    expect(
      issuesOf(() => refuseUnsoundBaseline({ ...baseline, plannedCompletionOn: '2020-01-01' }, now)).map((i) => i.path),
    ).toEqual(['baseline.plannedCompletionOn', 'baseline.milestones.0.dueOn', 'baseline.milestones.1.dueOn']);
  });
});
