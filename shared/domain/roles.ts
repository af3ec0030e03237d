import * as z from 'zod';

/** Roles carried in the `roles` claim (DESIGN.md § Roles, API.md § Roles). */
export const ROLES = [
  'dept-staff',
  'dept-head',
  'data-bureau',
  'approval-bureau',
  'finance',
  'drc',
  'audit',
  'public-security',
  'admin',
] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that act for one department (the `dept` claim) rather than for the county. */
export const DEPARTMENT_ROLES: readonly Role[] = ['dept-staff', 'dept-head'];

/** The one who acts: built from verified token claims, never from the request body. */
export const ActorSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  deptId: z.string().nullable(),
  roles: z.array(RoleSchema),
});
export type Actor = z.infer<typeof ActorSchema>;

export const hasAnyRole = (actor: Actor, roles: readonly Role[]): boolean =>
  actor.roles.some((role) => roles.includes(role));
