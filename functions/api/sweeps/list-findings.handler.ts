import { apiHandler } from '#shared/http/api-handler.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listFindings as list } from '#shared/use-cases/sweeps/read-findings.ts';
import { listFindings } from './routes.ts';

const deps = apiDeps(listFindings.adapters, { findings, projects });

export const handler = apiHandler(listFindings, ({ actor, query }) => list({ actor, ...query }, deps()));
