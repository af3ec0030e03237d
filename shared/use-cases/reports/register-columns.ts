import type { RegisterRow } from '#shared/domain/report.schema.ts';

/** Integer fen as yuan with two decimals, exactly (no floating point): 58000000 → "580000.00". */
export const fenToYuanText = (fen: number): string =>
  `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

export type Cell = string | { readonly yuan: number } | number | null;

/** The columns of the exported register, headed in Chinese for the officials who open it in Excel. */
export const REGISTER_COLUMNS: readonly { readonly header: string; readonly cell: (row: RegisterRow) => Cell }[] = [
  { header: '项目编号', cell: (r) => r.code },
  { header: '项目名称', cell: (r) => r.name },
  { header: '建设单位', cell: (r) => r.department },
  { header: '阶段', cell: (r) => r.stage },
  { header: '申报总投资（元）', cell: (r) => ({ yuan: r.declaredFen }) },
  { header: '批复预算（元）', cell: (r) => (r.approvedBudgetFen === null ? null : { yuan: r.approvedBudgetFen }) },
  { header: '未整改问题（项）', cell: (r) => r.openFindings },
];

export const registerFileName = (year: number, extension: 'csv' | 'xlsx') =>
  `陵川县政务数据项目台账-${year}.${extension}`;
