import type { Problem } from '#shared/http/problem.ts';
import { clearSession, loadSession } from '../auth/session.ts';

/** A refusal or failure from the API, with its problem details (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title);
  }
}

const networkProblem = (): Problem => ({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' });

/** Signs the person out and back to the sign-in page when the API no longer accepts the token. */
let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (handler: () => void) => {
  onUnauthenticated = handler;
};

interface Options {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Creating POSTs carry one, so a retry after a lost answer never creates twice (API.md). */
  readonly idempotent?: boolean;
}

const send = async (method: string, path: string, options: Options = {}): Promise<Response> => {
  const session = loadSession();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotent) headers['idempotency-key'] = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError(0, networkProblem());
  }
  if (response.ok) return response;
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: response.statusText, status: response.status, code: 'INTERNAL' };
  }
  if (response.status === 401) {
    clearSession();
    onUnauthenticated();
  }
  throw new ApiError(response.status, problem);
};

/** The public /v1 API with the signed-in person's bearer token; nothing else. */
export const api = {
  get: async <T>(path: string): Promise<T> => (await send('GET', path)).json() as Promise<T>,
  post: async <T>(path: string, body?: unknown, options: Omit<Options, 'body'> = {}): Promise<T> =>
    (await send('POST', path, { ...options, ...(body === undefined ? {} : { body }) })).json() as Promise<T>,
  put: async <T>(path: string, body: unknown): Promise<T> => (await send('PUT', path, { body })).json() as Promise<T>,
  delete: async <T>(path: string): Promise<T> => (await send('DELETE', path)).json() as Promise<T>,
  patch: async <T>(path: string, body: unknown, version: number): Promise<T> =>
    (await send('PATCH', path, { body, headers: { 'if-match': String(version) } })).json() as Promise<T>,

  /** A file answer (CSV, XLSX) saved under the name the API gives it. */
  async download(path: string): Promise<string> {
    const response = await send('GET', path, { headers: { accept: '*/*' } });
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const fileName = encoded ? decodeURIComponent(encoded) : 'download';
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return fileName;
  },
};

/** API.md § Lists. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const query = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};
