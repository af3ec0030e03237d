import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { listFindings as list } from '#shared/use-cases/sweeps/read-findings.ts';
import { listFindings } from '../routes.ts';

export const handler = apiHandler(listFindings, ({ actor, query }) => list({ actor, ...query }, deps()));
