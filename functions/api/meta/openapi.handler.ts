import { apiHandler } from '#shared/http/api-handler.ts';
import { buildOpenApiDocument } from '#shared/http/openapi.ts';
import { routes } from '../routes.ts';
import { openApi } from './routes.ts';

// Built once per cold start: the document only changes with a deployment.
let document: Record<string, unknown> | undefined;

export const handler = apiHandler(openApi, async () => {
  document ??= buildOpenApiDocument(routes) as unknown as Record<string, unknown>;
  return document;
});
