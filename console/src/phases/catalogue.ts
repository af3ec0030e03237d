import { fileAcceptance, preliminaryAcceptance, selfEvaluate } from '#functions/api/acceptance/routes.ts';
import { recordAccountability } from '#functions/api/accountability/routes.ts';
import { proposeChange } from '#functions/api/changes/routes.ts';
import {
  completeConstruction,
  nameEmergencyDecision,
  putAssets,
  recordSecurity,
  reportMilestone,
  startConstruction,
} from '#functions/api/construction/routes.ts';
import { recordSecurityDrill } from '#functions/api/departments/routes.ts';
import {
  decommission,
  reportDisposal,
  reportOperations,
  supplementDisposal,
} from '#functions/api/operations/routes.ts';
import {
  amendProcurementPlan,
  fileProcurementPlan,
  publishProcurementNotice,
  putImplementation,
  recordContract,
} from '#functions/api/procurement/routes.ts';
import { fileBudget } from '#functions/api/projects/routes.ts';
import { acceptanceGates } from '#shared/domain/acceptance.ts';
import type { Assets, SecurityDrill, SecurityRecord } from '#shared/domain/construction.ts';
import type { DocumentKind } from '#shared/domain/document.schema.ts';
import { ACTIONS, type Action } from '#shared/domain/lifecycle.ts';
import { PHASES, type Phase } from '#shared/domain/phases.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { Role } from '#shared/domain/roles.ts';
import { RULES, type RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Violation } from '#shared/domain/violation.ts';
import type { RouteDefinition } from '#shared/http/route.ts';

/**
 * Every form of a project's life after its declaration, one row each: the route it posts to (its
 * path, roles, body schema and headers come from the route itself; `{id}` is the project,
 * `{deptId}` its owner department), the lifecycle action whose
 * stages show it, and the domain's phase row (the document kinds its document fields take, as the
 * use case checks them). A phase that lands adds its
 * rows here; its form, its roles and its articles follow from the route and the lifecycle.
 */
export interface PhaseForm {
  readonly route: RouteDefinition;
  /** The lifecycle action it takes; null for what may be done in any stage (accountability). */
  readonly action: Action | null;
  /** Of the route's roles, only these use the form here (ART15: the head starts an emergency construction). */
  readonly roles?: readonly Role[];
  /** The rules an action-less form answers to (an action's are its guards). */
  readonly rules?: readonly RuleCode[];
  readonly title: string;
  /** The domain's row of the filing: the document kinds its fields take, the duty it may only discharge while owed. */
  readonly phase?: Phase;
  /** Text fields whose value must name something on record: chosen from a list, not typed. */
  readonly choices?: (records: PhaseRecordsRead) => Readonly<Record<string, readonly string[]>>;
  /**
   * What a later review will check on record, shown before the form is sent (advisory: the
   * review decides), so a department sees what is missing before it starts a round.
   */
  readonly ahead?: {
    readonly title: string;
    readonly check: (on: { records: PhaseRecordsRead; drills: readonly SecurityDrill[]; today: string }) => Violation[];
  };
}

/** What GET /v1/projects/{id}/records answers: every record of the project, by kind. */
export type PhaseRecordsRead = Readonly<Record<string, readonly Record<string, unknown>[]>>;

export const PHASE_FORMS: readonly PhaseForm[] = [
  {
    route: fileBudget,
    action: 'budget-filing',
    title: '预算批复备案',
    phase: PHASES['budget-filing'],
  },
  {
    route: fileProcurementPlan,
    action: 'procurement-plan',
    title: '采购计划备案',
    phase: PHASES['procurement-plan'],
  },
  {
    route: amendProcurementPlan,
    action: 'procurement-plan-amendment',
    title: '调整采购计划（变更重新批准后）',
    phase: PHASES['procurement-plan-amendment'],
  },
  {
    route: publishProcurementNotice,
    action: 'procurement-notice',
    title: '发布采购公告',
    phase: PHASES['procurement-notice'],
  },
  {
    route: recordContract,
    action: 'contract',
    title: '登记合同',
    phase: PHASES.contract,
  },
  { route: putImplementation, action: 'implementation', title: '确定实施单位和项目负责人' },
  {
    route: startConstruction,
    action: 'emergency-start',
    roles: ['dept-head'],
    title: '紧急项目先行建设（第十五条：主要负责人决定，县数据局事后认定）',
  },
  { route: startConstruction, action: 'construction-start', title: '开工建设（建设基线）' },
  {
    route: nameEmergencyDecision,
    action: 'emergency-decision',
    roles: ['dept-head'],
    title: '紧急建设集体决策在案（第十五条）',
    phase: PHASES['emergency-decision'],
  },
  {
    route: reportMilestone,
    action: 'milestone',
    title: '报告里程碑',
    phase: PHASES['milestone-report'],
    // A report names a milestone of the baseline (ART20).
    choices: (records) => ({
      milestone: ((records.baseline?.[0]?.milestones ?? []) as { name: string }[]).map((m) => m.name),
    }),
  },
  { route: putAssets, action: 'assets', title: '登记资产' },
  // A drill of the owner department's security emergency plan: the technical acceptance looks for one (ART24).
  { route: recordSecurityDrill, action: 'security-record', title: '登记本部门安全应急演练' },
  {
    route: recordSecurity,
    action: 'security-record',
    title: '登记等级保护、安全测评与密码评估',
    phase: PHASES['security-record'],
  },
  {
    route: proposeChange,
    action: 'change',
    title: '申报变更',
    phase: PHASES.change,
  },
  { route: completeConstruction, action: 'completion', title: '建设完成' },
  {
    route: preliminaryAcceptance,
    action: 'preliminary-acceptance',
    title: '初步验收，申请技术验收',
    ahead: {
      title: '技术验收时将核查（第二十一条、第二十四条）',
      check: ({ records, drills, today }) =>
        acceptanceGates(
          {
            'security-record': (records['security-record'] ?? []) as SecurityRecord[],
            assets: (records.assets ?? []) as Assets[],
          },
          drills,
          today,
          DEFAULT_POLICY,
        ),
    },
    phase: PHASES['preliminary-acceptance'],
  },
  {
    route: fileAcceptance,
    action: 'acceptance-filing',
    title: '验收报告备案',
    phase: PHASES['acceptance-filing'],
  },
  {
    route: selfEvaluate,
    action: 'self-evaluation',
    title: '绩效自评',
    phase: PHASES['self-evaluation'],
  },
  {
    route: reportOperations,
    action: 'operations-report',
    title: '报送年度运维情况',
    phase: PHASES['operations-report'],
  },
  {
    route: decommission,
    action: 'decommission',
    title: '停用报废',
    phase: PHASES.decommission,
  },
  {
    route: reportDisposal,
    action: 'disposal-report',
    title: '报送资产处置情况',
    phase: PHASES['disposal-report'],
  },
  {
    route: supplementDisposal,
    action: 'disposal-report',
    title: '补报资产处置情况',
    phase: PHASES['disposal-supplement'],
  },
  {
    route: recordAccountability,
    action: null,
    rules: ['ART33-RECORDS'],
    title: '记录问责',
    phase: PHASES['accountability-record'],
  },
];

/** The articles a form answers to, from its action's guards: [16, 17, 18] is 第十六、十七、十八条. */
export const articlesOf = (form: PhaseForm): number[] => {
  const codes: readonly RuleCode[] = form.action ? ACTIONS[form.action].guards : (form.rules ?? []);
  return [...new Set(codes.map((code) => RULES[code].article))].sort((a, b) => a - b);
};

/** The document kinds each of the form's document fields takes (its phase row's). */
export const documentKindsOf = (form: PhaseForm): Readonly<Record<string, readonly DocumentKind[]>> =>
  form.phase?.documents ?? {};

/** The duty a form discharges and is offered only while the project owes it (an open obligation). */
export const owedBy = (form: PhaseForm): RuleCode | undefined =>
  form.phase?.onlyWhileOwed ? form.phase.discharges : undefined;
