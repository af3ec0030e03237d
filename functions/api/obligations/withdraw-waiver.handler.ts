import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { withdrawWaiver as withdraw } from '#shared/use-cases/waivers/withdraw-waiver.ts';
import { withdrawWaiver } from './routes.ts';

const deps = apiDeps(withdrawWaiver.adapters, { departments, obligations, projects, records });

export const handler = apiHandler(withdrawWaiver, ({ actor, params }) =>
  withdraw({ projectId: params.id, obligationId: params.obligationId, actor }, deps()),
);
