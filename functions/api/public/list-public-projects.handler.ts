import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { readPublicRegister } from '#shared/use-cases/public/public-register.ts';
import { listPublicProjects } from './routes.ts';

const deps = apiDeps(listPublicProjects.adapters, { register, records, departments });

export const handler = apiHandler(listPublicProjects, async ({ query }) => {
  const { items, nextCursor } = await readPublicRegister(query, deps());
  return { items, nextCursor };
});
