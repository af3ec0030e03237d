import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { readPublicRegister } from '#shared/use-cases/public/public-register.ts';
import { registerAtom } from '#shared/use-cases/public/register-atom.ts';
import { publicProjectsAtom } from './routes.ts';

const deps = apiDeps(publicProjectsAtom.adapters, { register, records, departments });

export const handler = apiHandler(publicProjectsAtom, async ({ query }) => ({
  bytes: registerAtom(await readPublicRegister(query, deps()), publicProjectsAtom.path),
}));
