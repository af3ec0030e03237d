import type { RegisterRow } from '#shared/domain/report.schema.ts';
import { type Cell, fenToYuanText, REGISTER_COLUMNS } from './register-columns.ts';

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe:
 * a project name is typed by a department and opened by the Finance Bureau (CSV injection).
 */
const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const field = (cell: Cell): string => {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = typeof cell === 'string' ? defused(cell) : fenToYuanText(cell.yuan);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The register as CSV (RFC 4180, CRLF), UTF-8 with a byte-order mark: without it Excel on a
 * Chinese Windows reads the file as GBK and the names turn to mojibake.
 */
export const registerCsv = (rows: readonly RegisterRow[]): Uint8Array => {
  const lines = [
    REGISTER_COLUMNS.map((c) => field(c.header)).join(','),
    ...rows.map((row) => REGISTER_COLUMNS.map((c) => field(c.cell(row))).join(',')),
  ];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
};
