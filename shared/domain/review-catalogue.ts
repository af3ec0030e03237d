import * as z from 'zod';
import type { DocumentKind } from './document.schema.ts';
import type { Action } from './lifecycle.ts';
import type { Role } from './roles.ts';
import { RULES, type RuleCode } from './rules/catalog.ts';

/** The Step Functions workflows a project runs through, one execution per round (DESIGN.md § Shape). */
export const WORKFLOW_KINDS = ['approval', 'acceptance', 'emergency', 'filing', 'budget'] as const;
export const WorkflowKindSchema = z.enum(WORKFLOW_KINDS);
export type WorkflowKind = z.infer<typeof WorkflowKindSchema>;

export const REVIEW_KINDS = [
  'tech-review',
  'project-approval',
  'finance-review',
  'tech-acceptance',
  'completion-acceptance',
  'emergency-confirmation',
  'filing-confirmation',
  'om-report-confirmation',
  'budget-review',
] as const;
export const ReviewKindSchema = z.enum(REVIEW_KINDS);
export type ReviewKind = z.infer<typeof ReviewKindSchema>;

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

interface ChecklistItem {
  /** The rule a failed item stands for. */
  readonly rule: RuleCode;
  /** Whether `approve` is refused while this item is not ok (ART06 is a warning: answered, recorded, not blocking). */
  readonly blocks: boolean;
  readonly zh: string;
  /** Asked only of an emergency project (ART15: the technical review records whether the emergency was justified). */
  readonly emergencyOnly?: true;
}

const item = (rule: RuleCode, zh: string, blocks = true): ChecklistItem => ({ rule, zh, blocks });

interface Review {
  readonly workflow: WorkflowKind;
  /** Who decides it (ART04). */
  readonly role: Role;
  /** The article the review answers to. */
  readonly rule: RuleCode;
  readonly zh: string;
  /** The written opinion the reviewer uploads before approving; null for a confirmation decided with its opinion text alone. */
  readonly opinion: DocumentKind | null;
  /** The decisions it may take (a confirmation approves or rejects, or approves or returns). */
  readonly decisions: readonly Decision[];
  /** Its due date: a review's (`reviewDueWorkingDays`) or a confirmation's (`confirmationWorkingDays`), both policy choices. */
  readonly due: 'review' | 'confirmation';
  /** Its opening is announced on the escalation topic at once, not only when overdue (ART15: a building project waits on it). */
  readonly announcedOnOpening?: true;
  /** The lifecycle action its opening is, where it moves a declared project (a change round keeps its stage). */
  readonly opens: Action | null;
  /** Every item the decision must answer. */
  readonly checklist: Readonly<Record<string, ChecklistItem>>;
  /** Approving also needs what must be on record before acceptance completes (ART24 security, ART21 assets). */
  readonly gatedOnRecords?: true;
  /** Approving states the approved budget, within the total (ART14); no other review may state one. */
  readonly statesBudget?: true;
}

/**
 * Every review of a project's life, one row each: who decides it, under which article, what it
 * must answer, which opinion it issues, which workflow it belongs to. Adding a review is adding a
 * row here and naming it in its workflow below.
 */
export const REVIEWS: Readonly<Record<ReviewKind, Review>> = {
  'tech-review': {
    workflow: 'approval',
    role: 'data-bureau',
    rule: 'ART13-TECH-REVIEW',
    zh: '技术审核',
    opinion: 'tech-review-opinion',
    opens: 'open-tech-review',
    decisions: DECISIONS,
    due: 'review',
    checklist: {
      resourceCatalogue: item('ART13-TECH-REVIEW', '政务信息资源目录'),
      dataSharing: item('ART13-TECH-REVIEW', '数据整合共享'),
      consolidation: item('ART13-TECH-REVIEW', '应用集约化建设'),
      // ART07 不再拨付运维经费 falls on systems 未按要求迁移: for an O&M project off the cloud the
      // reviewer judges whether it migrates as required, by its plan's completeBy.
      cloudMigration: item(
        'ART13-TECH-REVIEW',
        '迁云上云（非政务云部署的例外由此认定，第二十六条；运维项目须按要求迁移上云，审核迁移计划的完成日期 completeBy，第七条）',
      ),
      commandCentreLinkage: item('ART13-TECH-REVIEW', '指挥中心联动'),
      noPolicyConflict: item('ART07-POLICY-CONFLICT', '不违背共享与集约化建设政策'),
      notDisguised: item('ART07-DISGUISED', '未变相包装或纳入其他项目'),
      classificationConfirmed: item('ART13-PROJECT-APPROVAL', '重点工程、工程建设及建设范围的申报属实'),
      inAnnualPlan: item('ART06-ANNUAL-PLAN', '已列入年度项目计划', false),
      emergencyJustified: {
        ...item('ART15-EMERGENCY', '紧急建设理由成立（记录备审计，不影响批准）', false),
        emergencyOnly: true,
      },
      // ART02's categories end with 等: a project declared `other` is a data project only if the review says so.
      categoryJustified: item('ART02-SCOPE-KIND', '项目类别属于政务数据项目（“其他”类别由此认定，第二条）'),
    },
  },
  'project-approval': {
    workflow: 'approval',
    role: 'approval-bureau',
    rule: 'ART13-PROJECT-APPROVAL',
    zh: '审批立项',
    opinion: 'project-approval-reply',
    opens: 'open-approval-review',
    decisions: DECISIONS,
    due: 'review',
    checklist: {},
  },
  'finance-review': {
    workflow: 'approval',
    role: 'finance',
    rule: 'ART14-FINANCE-REVIEW',
    zh: '财政预算评审',
    opinion: 'budget-approval',
    opens: 'open-approval-review',
    decisions: DECISIONS,
    due: 'review',
    checklist: {},
    statesBudget: true,
  },
  'tech-acceptance': {
    workflow: 'acceptance',
    role: 'data-bureau',
    rule: 'ART27-ACCEPTANCE-ORDER',
    zh: '技术验收',
    opinion: 'tech-acceptance-opinion',
    opens: null,
    decisions: DECISIONS,
    due: 'review',
    gatedOnRecords: true,
    checklist: {
      selfControllable: item('ART28-ACCEPTANCE-EVIDENCE', '软硬件产品安全自主可控'),
      cryptoApplication: item('ART28-ACCEPTANCE-EVIDENCE', '密码应用'),
      securityReview: item('ART28-ACCEPTANCE-EVIDENCE', '安全审查情况'),
      softwareTest: item('ART28-ACCEPTANCE-EVIDENCE', '软件测评情况'),
      resourceSharingCatalogue: item('ART28-ACCEPTANCE-EVIDENCE', '资源共享目录清单'),
      dataLanding: item('ART28-ACCEPTANCE-EVIDENCE', '数据落盘情况'),
    },
  },
  'completion-acceptance': {
    workflow: 'acceptance',
    role: 'drc',
    rule: 'ART27-ACCEPTANCE-ORDER',
    zh: '竣工验收',
    opinion: 'completion-acceptance-report',
    opens: null,
    decisions: DECISIONS,
    due: 'review',
    checklist: {},
  },
  /** ART15 (可先行建设): checked after the start, never before; a denial voids the emergency (ART07 未批先建). */
  'emergency-confirmation': {
    workflow: 'emergency',
    role: 'data-bureau',
    rule: 'ART15-EMERGENCY',
    zh: '紧急项目认定',
    opinion: null,
    opens: null,
    decisions: ['approve', 'reject'],
    due: 'confirmation',
    announcedOnOpening: true,
    checklist: {
      suddenEvent: item('ART15-EMERGENCY', '属于自然灾害、事故灾难、公共卫生事件、社会安全事件等突发事件'),
      urgency: item('ART15-EMERGENCY', '确需紧急建设，无法等待正常程序'),
      scope: item('ART15-EMERGENCY', '建设内容针对该突发事件'),
    },
  },
  /** ART29 filing (备案), confirmed by the Data Bureau (ART04 指导监督): only its approval fulfils the duty. */
  'filing-confirmation': {
    workflow: 'filing',
    role: 'data-bureau',
    rule: 'ART29-FILING',
    zh: '竣工验收备案确认',
    opinion: null,
    opens: null,
    decisions: ['approve', 'return'],
    due: 'confirmation',
    checklist: { reportComplete: item('ART29-FILING', '竣工验收报告等材料齐全') },
  },
  /** ART07's yearly O&M report, confirmed by the Data Bureau: the finding and hold lift only on every item ok. */
  'om-report-confirmation': {
    workflow: 'filing',
    role: 'data-bureau',
    rule: 'ART07-OM-FUNDING',
    zh: '运维情况报告确认',
    opinion: null,
    opens: null,
    decisions: ['approve', 'return'],
    due: 'confirmation',
    checklist: {
      onGovCloud: item('ART07-OM-FUNDING', '已迁移上云', false),
      dataSharedAsDeclared: item('ART07-OM-FUNDING', '按申报共享数据', false),
      collaboratingAsDeclared: item('ART07-OM-FUNDING', '按申报业务协同', false),
    },
  },
  /**
   * ART22's last sentence (项目投资规模超出预算的，严格按照县财政局预算有关规定执行): a change filed
   * within the estimate that raises the total above the approved budget waits for Finance alone,
   * which approves the new budget (or refuses it); no technical review, no project approval.
   */
  'budget-review': {
    workflow: 'budget',
    role: 'finance',
    rule: 'ART22-CHANGE-FILING',
    zh: '变更预算评审',
    opinion: 'budget-approval',
    opens: null,
    decisions: ['approve', 'reject'],
    due: 'review',
    checklist: {},
    statesBudget: true,
  },
};

/**
 * Each workflow: the review every round starts with (or, where `instead` names others, the one
 * the round was started for), then the reviews that run in parallel where the project's routing
 * says they apply (computed by the domain, never in ASL).
 */
export const WORKFLOWS: Readonly<
  Record<
    WorkflowKind,
    { first: ReviewKind; instead?: readonly ReviewKind[]; parallel: readonly ReviewKind[]; zh: string }
  >
> = {
  approval: { first: 'tech-review', parallel: ['project-approval', 'finance-review'], zh: '立项审批' },
  acceptance: { first: 'tech-acceptance', parallel: ['completion-acceptance'], zh: '项目验收' },
  emergency: { first: 'emergency-confirmation', parallel: [], zh: '紧急项目认定' },
  filing: { first: 'filing-confirmation', instead: ['om-report-confirmation'], parallel: [], zh: '备案与运维报告确认' },
  budget: { first: 'budget-review', parallel: [], zh: '变更预算评审' },
};

/** The open reviews of other workflows, which a round of `workflow` starting or ending leaves open (an emergency's confirmation runs beside its approval). */
export const openElsewhere = (openReviews: readonly ReviewKind[], workflow: WorkflowKind): ReviewKind[] =>
  openReviews.filter((kind) => REVIEWS[kind].workflow !== workflow);

/** The reviews a round of `workflow` may start with. */
export const openingReviews = (workflow: WorkflowKind): readonly ReviewKind[] => [
  WORKFLOWS[workflow].first,
  ...(WORKFLOWS[workflow].instead ?? []),
];

/** The roles that decide reviews (and upload their opinions). */
export const REVIEWER_ROLES = [...new Set(Object.values(REVIEWS).map((review) => review.role))];

/** What a review's task asks of this project (an emergency project's technical review also asks `emergencyJustified`). */
const itemsFor = (kind: ReviewKind, project: { emergency: unknown } | undefined) =>
  Object.entries(REVIEWS[kind].checklist).filter(([, entry]) => !entry.emergencyOnly || !!project?.emergency);

export const checklistItems = (kind: ReviewKind, project?: { emergency: unknown }): string[] =>
  itemsFor(kind, project).map(([name]) => name);

/** The policy setting a review's task falls due by. */
export const dueWorkingDays = (
  kind: ReviewKind,
  policy: { reviewDueWorkingDays: number; confirmationWorkingDays: number },
): number => (REVIEWS[kind].due === 'confirmation' ? policy.confirmationWorkingDays : policy.reviewDueWorkingDays);

/** What a task tells a portal about each item it must answer, so a decision form is rendered from the task. */
export const ChecklistEntrySchema = z.object({
  item: z.string(),
  code: z.string(),
  article: z.number().int(),
  zh: z.string(),
  blocks: z.boolean(),
});
export const checklistEntries = (
  kind: ReviewKind,
  project?: { emergency: unknown },
): z.infer<typeof ChecklistEntrySchema>[] =>
  itemsFor(kind, project).map(([name, entry]) => ({
    item: name,
    code: entry.rule,
    article: RULES[entry.rule].article,
    zh: entry.zh,
    blocks: entry.blocks,
  }));
