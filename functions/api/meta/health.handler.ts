import { apiHandler } from '#shared/http/api-handler.ts';
import { health } from './routes.ts';

export const handler = apiHandler(health, async () => ({ status: 'ok' as const }));
