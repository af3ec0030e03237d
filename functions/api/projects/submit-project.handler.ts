import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { submitProject as submit } from '#shared/use-cases/projects/submit-project.ts';
import { submitProject } from '../routes.ts';

export const handler = apiHandler(submitProject, ({ actor, params }) => submit({ id: params.id, actor }, deps()));
