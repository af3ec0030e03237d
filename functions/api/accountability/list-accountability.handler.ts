import { apiHandler } from '#shared/http/api-handler.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listAccountability as list } from '#shared/use-cases/operations/accountability.ts';
import { listAccountability } from './routes.ts';

const deps = apiDeps(listAccountability.adapters, { records });

export const handler = apiHandler(listAccountability, ({ query }) => list(query, deps()));
