import * as z from 'zod';

/**
 * How this console signs people in, read at start from /config.json: always the OIDC authorization
 * code flow with PKCE. A deployed stack names the county's identity provider (issuer and client id
 * are stack parameters); the local gateway names its own provider (infra/local/identity-provider.ts).
 */
export const ConsoleConfigSchema = z.object({
  mode: z.literal('oidc'),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  scope: z.string().default('openid profile'),
  /**
   * How the county's identity provider names the claims the console shows (the stack's claim
   * parameters; the API maps them the same way, shared/http/actor.ts). Absent: as ours.
   */
  claims: z
    .object({ dept: z.string(), roles: z.string(), name: z.string(), rolePrefix: z.string() })
    .default({ dept: 'dept', roles: 'roles', name: 'name', rolePrefix: '' }),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json: ${response.status}`);
  return ConsoleConfigSchema.parse(await response.json());
};
