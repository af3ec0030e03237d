import { apiHandler } from '#shared/http/api-handler.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listWaivers as list } from '#shared/use-cases/waivers/list-waivers.ts';
import { listWaivers } from './routes.ts';

const deps = apiDeps(listWaivers.adapters, { records });

export const handler = apiHandler(listWaivers, ({ query }) => list(query, deps()));
