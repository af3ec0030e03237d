import { NOTIFICATION_KINDS } from '#shared/domain/reminders.ts';
import { REVIEW_KINDS, REVIEWS } from '#shared/domain/review-catalogue.ts';
import { STAGE_TABLE, STAGES } from '#shared/domain/stages.ts';

/**
 * The console's Chinese labels, keyed by the API's values. `label()` falls back to the value
 * itself, so a stage, kind or role that lands later shows up (untranslated) without an edit.
 */
type Labels = Readonly<Record<string, string>>;

export const label = (labels: Labels, value: string | null | undefined): string =>
  value === null || value === undefined ? '—' : (labels[value] ?? value);

export const STAGES_ZH: Labels = Object.fromEntries(STAGES.map((stage) => [stage, STAGE_TABLE[stage].zh]));

export const ROLES_ZH: Labels = {
  'dept-staff': '部门经办人',
  'dept-head': '部门主要负责人',
  'data-bureau': '县数据局',
  'approval-bureau': '县行政审批局',
  finance: '县财政局',
  drc: '县发展和改革局',
  audit: '县审计局',
  'public-security': '县公安局',
  admin: '系统管理员',
};

export const CATEGORIES_ZH: Labels = {
  'application-system': '应用系统类',
  'network-infrastructure': '网络及软硬件支撑类',
  'information-resources': '信息资源类',
  'information-security': '信息安全类',
  other: '其他（须说明，由技术审核认定）',
};

export const CONSTRUCTION_TYPES_ZH: Labels = {
  new: '新建',
  expansion: '扩建',
  upgrade: '升级改造',
  operations: '运行维护',
};

export const FUNDING_MODES_ZH: Labels = {
  'government-invested': '政府投资',
  'government-enterprise': '政企合作共建',
  'purchased-service': '政府购买服务',
};

export const DEPLOYMENT_TARGETS_ZH: Labels = {
  'gov-cloud': '县政务云',
  'public-cloud': '第三方公有云',
  'on-premise': '本地部署',
};

export const EMERGENCY_TYPES_ZH: Labels = {
  'natural-disaster': '自然灾害',
  accident: '事故灾难',
  'public-health': '公共卫生事件',
  'social-security': '社会安全事件',
  other: '其他突发事件（由县数据局认定）',
};

/** Each review's name, from the review catalogue (shared/domain/review-catalogue.ts). */
export const REVIEW_KINDS_ZH: Labels = Object.fromEntries(REVIEW_KINDS.map((kind) => [kind, REVIEWS[kind].zh]));

export const DOCUMENT_KINDS_ZH: Labels = {
  'collective-decision': '“三重一大”集体决策纪要',
  'construction-plan': '建设方案',
  'expert-opinion': '专家论证意见',
  'internal-compliance-review': '内部合规性审核意见',
  'tech-review-opinion': '技术审核意见',
  'project-approval-reply': '立项批复',
  'budget-approval': '预算批复',
  'emergency-decision': '紧急建设“三重一大”集体决策',
  'risk-assessment': '安全风险评估报告',
  'procurement-plan': '采购计划',
  'procurement-notice': '采购公告',
  contract: '合同',
  'qualification-review': '资格审查记录',
  'confidentiality-agreement': '保密协议',
  'staff-confidentiality': '人员保密承诺',
  'milestone-report': '里程碑报告',
  'change-description': '变更说明',
  'mlps-filing': '等级保护备案',
  'security-assessment': '安全测评报告',
  'crypto-assessment': '商用密码应用安全性评估',
  'preliminary-acceptance-report': '初验报告',
  'software-test-report': '软件测评报告',
  'resource-sharing-catalogue': '资源共享目录清单',
  'data-landing-report': '数据落盘报告',
  'tech-acceptance-opinion': '技术验收意见',
  'completion-acceptance-report': '竣工验收报告',
  'acceptance-report': '验收报告',
  'self-evaluation': '绩效自评报告',
  'operations-evidence': '运维佐证材料',
  'decommission-expert-opinion': '停用专家论证意见',
  'decommission-decision': '停用集体决策',
  'disposal-report': '资产处置报告',
  'accountability-evidence': '问责证据',
};

export const DOCUMENT_STATUS_ZH: Labels = { pending: '核验中', verified: '已核验', rejected: '未通过核验' };

export const DECISIONS_ZH: Labels = { approve: '同意', return: '退回修改', reject: '不予批准' };

/**
 * Checklist items, from the review catalogue: the task names them, the catalogue says them in
 * Chinese. An item name two reviews share reads as the first review says it.
 */
export const CHECKLIST_ITEMS_ZH: Labels = Object.fromEntries(
  REVIEW_KINDS.flatMap((kind) => Object.entries(REVIEWS[kind].checklist).map(([item, { zh }]) => [item, zh])).reverse(),
);

export const EVENT_ACTIONS_ZH: Labels = {
  'project.created': '登记项目',
  'project.updated': '修改申报',
  'project.signed-off': '主要负责人签署',
  'project.confirmed': '共建部门确认',
  'project.submitted': '提交申报',
  'document.requested': '上传材料',
  'review.decided': '审查决定',
  'review.escalated': '审查逾期督办',
  'approval.concluded': '审批办结',
  'budget.filed': '预算批复备案',
  'construction.started': '开工建设',
  'finding.opened': '发现问题',
  'finding.resolved': '问题已整改',
  'obligation.waived': '义务豁免（两人确认）',
  'waiver.proposed': '提议豁免义务',
  'waiver.withdrawn': '撤回豁免提议',
  'obligation.redated': '期限重算',
  'workflow.failed': '流程异常',
  'document.verified': '材料核验通过',
  'document.rejected': '材料未通过核验',
  'review.opened': '开启审查',
  'review.reopened': '重新开启审查',
  'review.repaired': '巡检修复中断的审查',
  'procurement.plan-filed': '采购计划备案',
  'procurement.plan-amended': '调整采购计划',
  'procurement.notice-published': '发布采购公告',
  'procurement.contract-recorded': '登记合同',
  'construction.implementation-named': '确定实施单位',
  'construction.milestone-reported': '报告里程碑',
  'construction.assets-registered': '登记资产',
  'construction.completed': '建设完成',
  'security.mlps-confirmed': '确认等级保护定级',
  'security.recorded': '登记安全材料',
  'change.declared': '申报变更',
  'change.filed': '变更备案',
  'acceptance.preliminary': '初步验收',
  'acceptance.concluded': '验收办结',
  'acceptance.self-evaluated': '绩效自评',
  'acceptance.filed': '验收报告备案',
  'operations.reported': '报送运维情况',
  'operations.decommissioned': '停用报废',
  'operations.disposal-reported': '报送资产处置',
  'operations.disposal-supplemented': '补报资产处置',
  'accountability.recorded': '记录问责',
};

export const OBLIGATION_STATUS_ZH: Labels = {
  open: '待履行',
  fulfilled: '已履行',
  waived: '已豁免',
  cancelled: '已取消',
};
export const FINDING_STATUS_ZH: Labels = { open: '未整改', resolved: '已整改' };
/** What a reminder announces (the catalogue's own Chinese). */
export const NOTIFICATION_KINDS_ZH: Labels = Object.fromEntries(
  Object.entries(NOTIFICATION_KINDS).map(([kind, row]) => [kind, row.zh]),
);
export const TASK_STATUS_ZH: Labels = { open: '待办', decided: '已办结', expired: '已逾期失效' };
export const FUNDS_ZH: Labels = { construction: '建设资金', operations: '运维经费' };
export const FUND_STATE_ZH: Labels = { allowed: '可拨付', held: '暂停拨付', closed: '不予拨付（所处阶段无资金）' };

/** The Data Bureau's confirmation of an emergency (ART15), after the start. */
export const EMERGENCY_CONFIRMATION_ZH: Labels = {
  pending: '先行建设中，待县数据局认定',
  confirmed: '县数据局已认定',
  voided: '县数据局未予认定（未批先建，第七条）',
};

/** Field paths of the declaration, for messages that name a field. */
export const FIELDS_ZH: Labels = {
  name: '项目名称',
  year: '年度',
  category: '项目类别',
  constructionType: '建设性质',
  fundingMode: '投资方式',
  classified: '涉密',
  totalInvestmentFen: '总投资',
  keyProject: '省市重点项目',
  involvesConstruction: '涉及工程建设',
  coBuilderDeptIds: '共建部门',
  cityCountyCoBuild: '市县协同建设',
  'cityCountyCoBuild.countyShareFen': '县级承担资金',
  emergency: '紧急项目',
  'emergency.eventType': '突发事件类型',
  'emergency.justification': '紧急建设理由',
  'emergency.event.name': '突发事件名称',
  'emergency.event.occurredOn': '事件发生日期',
  'emergency.decisionDocumentId': '紧急建设集体决策',
  'scope.dataCentre': '数据中心',
  'scope.machineRoom': '机房',
  'scope.cloudPlatform': '云平台',
  interop: '互联互通说明',
  'interop.interconnection': '互联互通',
  'interop.dataSharing': '数据共享',
  'interop.businessCollaboration': '业务协同',
  'deployment.target': '部署方式',
  'deployment.migrationPlan': '迁移上云计划',
  'deployment.migrationPlan.completeBy': '迁移完成日期',
  'deployment.riskAssessmentDocumentId': '安全风险评估报告',
  annualPlanItemId: '年度计划项目编号',
  documents: '申报材料',
  signOff: '主要负责人签署',
  opinion: '审查意见',
  opinionDocumentId: '意见文书',
  approvedBudgetFen: '批复预算',
  checklist: '审查要点',
};

/** What a refusal is, by its problem code, when it carries no rule of the measures. */
export const PROBLEM_TITLES_ZH: Labels = {
  VALIDATION: '填写的内容不符合要求',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  'ART04-ROLE': '无权办理此事项',
  NOT_FOUND: '未找到，或您无权查看',
  CONFLICT: '与当前状态冲突（可能已被他人修改或已办理），请刷新后重试',
  PAYLOAD_TOO_LARGE: '文件过大',
  INTERNAL: '请求失败，请稍后重试',
  NETWORK: '无法连接服务器，请检查网络后重试',
};

/**
 * Why the server rejected an arrived document (shared/domain/document-rules.ts `arrivalVerdict`),
 * in Chinese; a reason it does not recognise is shown as the server wrote it.
 */
export const rejectionReasonZh = (reason: string): string => {
  const size = /^size (\d+) bytes, declared (\d+)$/.exec(reason);
  if (size) return `文件大小 ${size[1]} 字节，与申报的 ${size[2]} 字节不符`;
  if (reason === 'SHA-256 differs from the declared hash') return '文件校验值（SHA-256）与申报不符，文件可能被改动';
  const content = /^content is (.+), declared (.+)$/.exec(reason);
  if (content) {
    const what = content[1] === 'unrecognised' ? '无法识别的格式' : content[1];
    return `文件内容为${what}，与申报的文件类型（${content[2]}）不符`;
  }
  return reason;
};
