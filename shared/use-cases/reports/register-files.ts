import type { RegisterRow } from '#shared/domain/report.schema.ts';
import { REGISTER_COLUMNS } from './register-columns.ts';
import { xlsxWorkbook } from './xlsx.ts';

const WIDTHS = [16, 40, 24, 12, 18, 18, 14];

/** The register as an Excel workbook: a header row, then one row per project. */
export const registerXlsx = (year: number, rows: readonly RegisterRow[]): Uint8Array =>
  xlsxWorkbook(
    `${year}年项目台账`,
    [REGISTER_COLUMNS.map((c) => c.header), ...rows.map((row) => REGISTER_COLUMNS.map((c) => c.cell(row)))],
    WIDTHS,
  );
