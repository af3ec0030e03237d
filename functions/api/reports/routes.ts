import * as z from 'zod';
import { PortfolioSchema } from '#shared/domain/report.schema.ts';
import { defineRoute, type FileBody } from '#shared/http/route.ts';

/** Who watches the county's portfolio (issue #14): the Data Bureau, Finance, Audit, administrators. */
const COUNTY_WATCHERS = ['data-bureau', 'finance', 'audit', 'admin'] as const;

const YearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Default: this year in Asia/Shanghai'),
});

const File = z.custom<FileBody>();

export const getPortfolio = defineRoute({
  id: 'getPortfolio',
  method: 'GET',
  path: '/v1/reports/portfolio',
  handler: 'reports/get-portfolio',
  roles: [...COUNTY_WATCHERS],
  summary:
    "The county's projects of one year: by stage and department, approved investment by category, open findings by rule, funding holds, overdue reviews",
  query: YearQuery,
  response: PortfolioSchema,
  adapters: { register: 'read', findings: 'read', tasks: 'read' },
});

export const exportProjectsCsv = defineRoute({
  id: 'exportProjectsCsv',
  method: 'GET',
  path: '/v1/reports/projects.csv',
  handler: 'reports/export-projects-csv',
  roles: [...COUNTY_WATCHERS],
  summary:
    'The project register of one year as CSV (UTF-8 with BOM): code, name, department, stage, declared total, approved budget, open findings',
  query: YearQuery,
  response: File,
  adapters: { register: 'read', findings: 'read', departments: 'read' },
  produces: 'text/csv; charset=utf-8',
});

export const exportProjectsXlsx = defineRoute({
  id: 'exportProjectsXlsx',
  method: 'GET',
  path: '/v1/reports/projects.xlsx',
  handler: 'reports/export-projects-xlsx',
  roles: [...COUNTY_WATCHERS],
  summary: 'The project register of one year as an Excel workbook, with the same columns as the CSV',
  query: YearQuery,
  response: File,
  adapters: { register: 'read', findings: 'read', departments: 'read' },
  produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});
