import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  createRemoteJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import * as z from 'zod';
import { ClaimNamesSchema, RegisteredClaimsSchema } from '#shared/http/claims.schema.ts';

/**
 * The local identity provider's state under the data directory: its RSA signing key (the one
 * `oidc-provider` signs with, infra/local/identity-provider.ts) and what it was last started as
 * (issuer, the API's audience, the console's client id, the claim names it emits). Scripts and
 * tests mint tokens here with that key and those settings, so a minted token verifies exactly
 * like one the provider issued through the code flow.
 */
export const identityDir = (dataDir: string) => path.join(dataDir, 'oidc');

/**
 * RS256: API Gateway's HTTP API JWT authorizer accepts RSA-signed tokens only, so that is what the
 * local provider signs with and what the local gateway accepts.
 */
export const SIGNING_ALG = 'RS256';
const ACCEPTED_ALGS = ['RS256', 'RS384', 'RS512'];

/** A private RSA JWK with its `kid` (the RFC 7638 thumbprint), created on first use, kept 0600. */
export const loadOrCreateSigningKey = async (dataDir: string): Promise<JWK & { kid: string }> => {
  const file = path.join(identityDir(dataDir), 'signing-key.jwk.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK & { kid: string };
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALG, use: 'sig' };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
};

export const ProviderSettingsSchema = z.object({
  issuer: z.string().url(),
  audience: z.string().min(1),
  clientId: z.string().min(1),
  claimNames: ClaimNamesSchema,
});
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>;

const settingsFile = (dataDir: string) => path.join(identityDir(dataDir), 'provider.json');

export const writeProviderSettings = (dataDir: string, settings: ProviderSettings) => {
  mkdirSync(identityDir(dataDir), { recursive: true });
  writeFileSync(settingsFile(dataDir), JSON.stringify(settings, null, 2));
};

export const readProviderSettings = (dataDir: string): ProviderSettings => {
  const file = settingsFile(dataDir);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: start the local runtime once (npm start) so its identity provider exists.`);
  }
  return ProviderSettingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
};

/** Who someone is, in our terms; the provider emits it under the county's claim names. */
export interface TokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly dept?: string;
  readonly roles: readonly string[];
}

/** Our claims under the names (and role prefix) the provider is configured to emit. */
export const claimsAsIssued = (claims: Omit<TokenClaims, 'sub'>, names: ProviderSettings['claimNames']) => ({
  ...(claims.name === undefined ? {} : { [names.name]: claims.name }),
  ...(claims.dept === undefined ? {} : { [names.dept]: claims.dept }),
  [names.roles]: claims.roles.map((role) => `${names.rolePrefix}${role}`),
});

/** A token for this person, as the local provider would issue it (`npm run token`, tests, the seed). */
export const mintToken = (dataDir: string, claims: TokenClaims, expiresIn: string | number = '8h'): Promise<string> =>
  signClaims(
    dataDir,
    { sub: claims.sub, ...claimsAsIssued(claims, readProviderSettings(dataDir).claimNames) },
    expiresIn,
  );

/**
 * Signs any payload with the provider's key, issuer and audience, shaped like its JWT access tokens
 * (`at+jwt`, `kid`, `jti`, `client_id`): how tests build the tokens a careless identity provider
 * might issue (a role list as a string, no expiry at all).
 */
export const signClaims = async (
  dataDir: string,
  payload: Record<string, unknown>,
  expiresIn: string | number | null = '8h',
): Promise<string> => {
  const { issuer, audience, clientId } = readProviderSettings(dataDir);
  const jwk = await loadOrCreateSigningKey(dataDir);
  const jwt = new SignJWT({ client_id: clientId, ...payload })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'at+jwt', kid: jwk.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setJti(randomUUID());
  return (expiresIn === null ? jwt : jwt.setExpirationTime(expiresIn)).sign(await importJWK(jwk, SIGNING_ALG));
};

export type Verifier = (token: string) => Promise<Record<string, unknown>>;

/**
 * Verifies a token as API Gateway's JWT authorizer does: the keys from the issuer's discovery
 * document (`jwks_uri`), an RSA signature by a key whose `kid` the set holds, issuer, audience,
 * `exp` and `nbf`. The discovery document is read on first use (the provider answers on the same
 * server, which is not listening yet when the gateway is built). A token without `exp` is refused
 * with the claim named (claims.schema.ts: the functions refuse it too).
 */
export const jwksVerifier = (issuer: string, audience: string[]): Verifier => {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const discover = async () => {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`The identity provider's discovery answered ${response.status}`);
    const { jwks_uri } = z.object({ jwks_uri: z.string().url() }).parse(await response.json());
    return createRemoteJWKSet(new URL(jwks_uri));
  };
  return async (token) => {
    keys ??= discover().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    const { payload } = await jwtVerify(token, await keys, { issuer, audience, algorithms: ACCEPTED_ALGS });
    const registered = RegisteredClaimsSchema.safeParse(payload);
    if (!registered.success) {
      const claim = String(registered.error.issues[0]?.path[0] ?? 'unspecified');
      throw new errors.JWTClaimValidationFailed(`"${claim}" claim is missing or not a NumericDate`, payload, claim);
    }
    return payload;
  };
};
