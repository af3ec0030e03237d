import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { projectFunding } from '#shared/use-cases/sweeps/read-findings.ts';
import { getFunding } from '../routes.ts';

export const handler = apiHandler(getFunding, ({ actor, params }) => projectFunding({ id: params.id, actor }, deps()));
