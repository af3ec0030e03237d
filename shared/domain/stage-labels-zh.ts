/**
 * The Chinese name of each stage of a project's whole life (API.md § Stages of the whole life),
 * for what people read: the console and the exported register. Keyed by value; a stage not named
 * here is shown as its value, so a stage that lands later appears without an edit.
 */
export const STAGE_LABELS_ZH: Readonly<Record<string, string>> = {
  draft: '草稿',
  'tech-review': '技术审查',
  'approval-review': '立项审批',
  approved: '已批复',
  procurement: '采购',
  construction: '建设实施',
  acceptance: '验收',
  operations: '运行维护',
  decommissioned: '已停用',
  returned: '退回修改',
  rejected: '不予批准',
};

export const stageLabelZh = (stage: string): string => STAGE_LABELS_ZH[stage] ?? stage;
