import * as z from 'zod';
import { singleLine } from './text.ts';

export const DeptIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens, at most 63')
  .describe('Department id, e.g. `public-security`');

/** ART09: the internal unit that carries the department's data-management duties. */
export const DataManagementUnitSchema = z
  .object({
    name: singleLine(200),
    contact: singleLine(200),
  })
  .strict();

/**
 * A department that is itself a reviewing bureau (API.md: `bureauRole`): a review of its own
 * project is decided by it, marked as a conflict of interest, instead of deadlocking (ART04). The
 * Public Security Bureau confirms MLPS filings (ART24) the same way on its own projects.
 */
export const BureauRoleSchema = z.enum(['data-bureau', 'approval-bureau', 'finance', 'drc', 'public-security']);

/** Strict, as every body is: a key the API does not know (`approvedBudgetFen`) is a 400, never dropped. */
export const DepartmentInputSchema = z
  .object({
    name: singleLine(200),
    dataManagementUnit: DataManagementUnitSchema.nullish(),
    bureauRole: BureauRoleSchema.nullish(),
  })
  .strict();
export type DepartmentInput = z.infer<typeof DepartmentInputSchema>;

/** Who may make a department a reviewing bureau, or stop it being one: the system administrator alone. */
export const BUREAU_ROLE_SETTERS = ['admin'] as const;

/**
 * The bureau role a department has after a PUT by someone who is not an administrator: what it
 * had. Saying the same again is allowed (a form sends back what it read); saying anything else is
 * not, and leaving it out keeps it (a replacement by the Data Bureau never silently unmakes a bureau).
 */
export const bureauRoleChangeRefused = (
  asked: Department['bureauRole'] | undefined,
  current: Department['bureauRole'],
): boolean => asked !== undefined && asked !== current;

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
