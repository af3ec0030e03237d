import { apiHandler } from '#shared/http/api-handler.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getPolicy as get } from '#shared/use-cases/policy/get-policy.ts';
import { getPolicy } from './routes.ts';

const deps = apiDeps(getPolicy.adapters, {});

export const handler = apiHandler(getPolicy, async () => get(deps()));
