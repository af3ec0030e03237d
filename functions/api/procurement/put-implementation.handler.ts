import { apiHandler } from '#shared/http/api-handler.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putImplementation as put } from '#shared/use-cases/procurement/put-implementation.ts';
import { putImplementation } from './routes.ts';

const deps = apiDeps(putImplementation.adapters, { obligations, projects, records });

export const handler = apiHandler(putImplementation, ({ actor, params, body }) =>
  put({ id: params.id, actor, implementation: body }, deps()),
);
