import * as z from 'zod';
import { REVIEWER_ROLES as REVIEWERS } from '#shared/domain/review-catalogue.ts';
import { DEPARTMENT_ROLES, ROLES, type Role } from '#shared/domain/roles.ts';

/** Every role may read; `audit` is one of them and reads everything (ART33). */
export const ANY_ROLE = ROLES;

/** The owner department's staff and head act on its projects. */
export const OWNER_ROLES = DEPARTMENT_ROLES as ['dept-staff', 'dept-head'];

/** API.md § Lists: `?limit=` (default 50, max 200) and `?cursor=`. */
export const PAGING = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
};

/** API.md § Lists: a page of items and the cursor of the next, or null at the end. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ProjectParams = z.object({ id: z.string().min(1).max(64) });

/** The reviewing bureaus (from the review catalogue): they decide review tasks and upload their own opinion documents. */
export const REVIEWER_ROLES = REVIEWERS as [Role, ...Role[]];
