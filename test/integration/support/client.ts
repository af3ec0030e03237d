import { inject } from 'vitest';
import { mintToken, type TokenClaims } from '#infra/local/issuer.ts';
import type { Role } from '#shared/domain/roles.ts';

const tokens = new Map<string, Promise<string>>();

type Target = Pick<ReturnType<typeof inject<'runtime'>>, 'url' | 'dataDir'> &
  Partial<ReturnType<typeof inject<'runtime'>>>;
let target: Target | undefined;

/** The runtime under test: the shared one, unless a test file started its own. */
export const runtime = () => (target ?? inject('runtime')) as ReturnType<typeof inject<'runtime'>>;
export const useRuntime = (own: Target) => {
  target = own;
  tokens.clear();
};

/** A token as the local identity provider issues it, for someone with these roles (cached per identity). */
export const tokenFor = (claims: Partial<TokenClaims> & { roles: readonly Role[] }): Promise<string> => {
  const full: TokenClaims = {
    sub: claims.sub ?? `user-${claims.roles.join('+')}-${claims.dept ?? 'county'}`,
    ...claims,
  };
  const cacheKey = JSON.stringify(full);
  let token = tokens.get(cacheKey);
  if (!token) {
    token = mintToken(runtime().dataDir, full);
    tokens.set(cacheKey, token);
  }
  return token;
};

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as it is: text, or bytes (which need not be UTF-8). */
  readonly rawBody?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Record<string, string>;
}

export interface CallResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** One HTTP call to the local gateway; the body is parsed when it is JSON. */
export const call = async <T = Record<string, unknown>>(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${runtime().url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON; the raw text stays
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
};
