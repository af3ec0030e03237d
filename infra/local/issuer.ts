import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/**
 * The local identity provider: an ES256 key pair kept under the data directory. Its issuer is
 * not any county's, so its tokens are refused by a deployed stack.
 */
export const LOCAL_ISSUER = 'http://127.0.0.1/lingchuan-local-issuer';
export const LOCAL_AUDIENCE = 'lingchuan-local';

const keyFile = (dataDir: string) => path.join(dataDir, 'issuer', 'es256.jwk.json');

const loadOrCreateKey = async (dataDir: string): Promise<JWK> => {
  const file = keyFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
};

export interface TokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly dept?: string;
  readonly roles: readonly string[];
}

export const mintToken = (dataDir: string, claims: TokenClaims, expiresIn: string | number = '8h'): Promise<string> =>
  signClaims(dataDir, { ...claims, roles: [...claims.roles] }, expiresIn);

/**
 * Signs any payload with the local issuer's key, with its issuer and audience: how tests build the
 * tokens a careless identity provider might issue (a role list as a string, no expiry at all).
 */
export const signClaims = async (
  dataDir: string,
  payload: Record<string, unknown>,
  expiresIn: string | number | null = '8h',
): Promise<string> => {
  const jwk = await loadOrCreateKey(dataDir);
  const key = await importJWK(jwk, 'ES256');
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt();
  if (typeof payload.sub === 'string') jwt.setSubject(payload.sub);
  return (expiresIn === null ? jwt : jwt.setExpirationTime(expiresIn)).sign(key);
};

export type Verifier = (token: string) => Promise<Record<string, unknown>>;

/**
 * Verifies signature, issuer, audience and expiry, as API Gateway's JWT authorizer does. A token
 * without `exp` is refused: AWS documents that `exp` must be after the current time and offers no
 * setting about its absence, so the functions refuse such a token as well (shared/http/actor.ts).
 */
export const localVerifier = async (dataDir: string, issuer: string, audience: string[]): Promise<Verifier> => {
  const { d: _private, ...publicJwk } = await loadOrCreateKey(dataDir);
  const key = await importJWK(publicJwk, 'ES256');
  return async (token) =>
    (await jwtVerify(token, key, { issuer, audience, algorithms: ['ES256'], requiredClaims: ['exp'] })).payload;
};
