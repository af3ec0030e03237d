import { WORKFLOWS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';

/** A workflow acts as itself on the audit trail. */
export const workflowActor = (workflow: WorkflowKind): Actor => ({
  sub: `system:${workflow}-workflow`,
  name: `${WORKFLOWS[workflow].zh}流程`,
  deptId: null,
  roles: [],
});
