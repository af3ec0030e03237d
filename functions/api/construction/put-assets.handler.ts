import { apiHandler } from '#shared/http/api-handler.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { putAssets as put } from '#shared/use-cases/construction/put-assets.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putAssets } from './routes.ts';

const deps = apiDeps(putAssets.adapters, { obligations, projects, records });

export const handler = apiHandler(putAssets, ({ actor, params, body }) =>
  put({ id: params.id, actor, assets: body }, deps()),
);
