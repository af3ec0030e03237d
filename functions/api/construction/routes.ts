import { ProjectSchema } from '#shared/domain/project.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { OWNER_ROLES, ProjectParams } from '../route-parts.ts';

export const startConstruction = defineRoute({
  id: 'startConstruction',
  method: 'POST',
  path: '/v1/projects/{id}/construction-start',
  handler: 'construction/start-construction',
  roles: OWNER_ROLES,
  summary: 'Record the start of construction: after approval, or first for an emergency project (ART07, ART15)',
  params: ProjectParams,
  response: ProjectSchema,
});
