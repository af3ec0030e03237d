import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { startConstruction as start } from '#shared/use-cases/projects/start-construction.ts';
import { startConstruction } from '../routes.ts';

export const handler = apiHandler(startConstruction, ({ actor, params }) => start({ id: params.id, actor }, deps()));
