import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { COUNTY_WIDE_ROLES } from '#shared/domain/access.ts';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import type { SecurityDrill, SecurityDrillInputSchema } from '#shared/domain/construction.ts';
import { ForbiddenError, NotFoundError } from '#shared/domain/errors.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import type { Page } from '../ports.ts';

/**
 * ART24: a department drills its security emergency plan; its head records the drill, or the
 * Data Bureau does. A technical acceptance counts the owner department's drills.
 */
export const recordDrill = (
  input: {
    deptId: string;
    actor: Actor;
    drill: z.infer<typeof SecurityDrillInputSchema>;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'departments' | 'idempotency' | 'now'>,
): Promise<SecurityDrill> =>
  idempotentAction<SecurityDrill>(
    {
      actor: input.actor,
      scope: 'security-drill',
      key: input.idempotencyKey,
      request: { deptId: input.deptId, ...input.drill },
    },
    deps,
    async (remember) => {
      const { actor, deptId } = input;
      refuseFutureDates({ on: input.drill.on }, deps.now());
      const ownHead = actor.deptId === deptId && hasAnyRole(actor, ['dept-head']);
      if (!ownHead && !hasAnyRole(actor, ['data-bureau'])) {
        throw new ForbiddenError("A department's drills are recorded by its head or the Data Bureau.");
      }
      if (!(await deps.departments.get(deptId))) throw new NotFoundError('No such department.');
      const drill: SecurityDrill = {
        ...input.drill,
        id: randomUUID(),
        deptId,
        ...recorded(actor, deps.now().toISOString()),
      };
      await deps.departments.recordDrill(drill, remember(drill));
      return drill;
    },
  );

/** A department's drills: for its own people and the county-wide roles. */
export const listDrills = async (
  input: { deptId: string; actor: Actor },
  deps: Pick<Deps, 'departments'>,
): Promise<Page<SecurityDrill>> => {
  const own = input.actor.deptId === input.deptId && hasAnyRole(input.actor, DEPARTMENT_ROLES);
  if (!own && !hasAnyRole(input.actor, COUNTY_WIDE_ROLES)) throw new NotFoundError('No such department.');
  return { items: await deps.departments.drills(input.deptId), nextCursor: null };
};
