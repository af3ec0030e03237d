import { apiHandler } from '#shared/http/api-handler.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { projectFunding } from '#shared/use-cases/sweeps/read-findings.ts';
import { getFunding } from './routes.ts';

const deps = apiDeps(getFunding.adapters, { findings, projects });

export const handler = apiHandler(getFunding, ({ actor, params }) => projectFunding({ id: params.id, actor }, deps()));
