import * as z from 'zod';
import { singleLine } from './text.ts';

export const DeptIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens, at most 63')
  .describe('Department id, e.g. `public-security`');

/** ART09: the internal unit that carries the department's data-management duties. */
export const DataManagementUnitSchema = z.object({
  name: singleLine(200),
  contact: singleLine(200),
});

/**
 * A department that is itself a reviewing bureau (API.md: `bureauRole`): a review of its own
 * project is decided by it, marked as a conflict of interest, instead of deadlocking (ART04). The
 * Public Security Bureau confirms MLPS filings (ART24) the same way on its own projects.
 */
export const BureauRoleSchema = z.enum(['data-bureau', 'approval-bureau', 'finance', 'drc', 'public-security']);

export const DepartmentInputSchema = z.object({
  name: singleLine(200),
  dataManagementUnit: DataManagementUnitSchema.nullish(),
  bureauRole: BureauRoleSchema.nullish(),
});
export type DepartmentInput = z.infer<typeof DepartmentInputSchema>;

export const DepartmentSchema = z.object({
  id: DeptIdSchema,
  name: z.string(),
  dataManagementUnit: DataManagementUnitSchema.nullable(),
  bureauRole: BureauRoleSchema.nullable().default(null),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Department = z.infer<typeof DepartmentSchema>;
