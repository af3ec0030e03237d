import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { loadVisible } from '#shared/use-cases/projects/project-access.ts';
import { listObligations } from '../routes.ts';

export const handler = apiHandler(listObligations, async ({ actor, params }) => {
  await loadVisible(params.id, actor, deps());
  const items = await deps().obligations.ofProject(params.id);
  return { items: items.map((o) => ({ ...o, id: `${o.code}.${o.key}` })) };
});
