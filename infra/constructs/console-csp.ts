/** The API reference (Redoc) is a page of its own, with a policy of its own: the console's has no 'unsafe-eval'. */
export const API_REFERENCE_PAGE = '/api-docs.html';

/** What the console's pages connect to beyond their own origin (the API is under /v1 of it). */
export interface ConsoleConnections {
  /** Where presigned URLs send uploads and downloads: the documents bucket's regional endpoint (s3rver locally). */
  readonly documents: string;
  /** The county's identity provider (its origin), for sign-in; none locally, where sign-in is on the console's own origin. */
  readonly identityProvider?: string | undefined;
}

const common = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
];

/**
 * The console's Content-Security-Policy, one builder for both places that serve the console: the
 * local gateway (so the browser tests run under it) and CloudFront's response headers policy.
 * Scripts only from the console itself, and never evaluated from strings; styles inline because
 * ECharts sets them; connections to the console's own origin, the documents bucket and the
 * identity provider the stack is given (parameters), nowhere else.
 */
export const consoleCsp = (connections: ConsoleConnections) =>
  [
    ...common,
    "script-src 'self'",
    `connect-src ${["'self'", connections.documents, connections.identityProvider].filter(Boolean).join(' ')}`,
  ].join('; ');

/**
 * The API reference page's policy: Redoc compiles the OpenAPI schemas it renders (ajv), which
 * takes 'unsafe-eval'; the page holds no session and reads only /v1/openapi.json of its origin.
 */
export const API_REFERENCE_CSP = [...common, "script-src 'self' 'unsafe-eval'", "connect-src 'self'"].join('; ');

/**
 * Which paths of the console's origin are files of the build: everything under /assets/ (hashed
 * names) and the few named at the root (index.html, config.json). Every other path is a client
 * route the single-page app answers, dots and all: a task's id is `{project}.approval.1.tech-review`.
 * One pattern for both servers: the local gateway, and CloudFront's viewer-request function.
 */
export const CONSOLE_FILE = /^\/assets\/|^\/[^/]+\.[A-Za-z0-9]+$/;

/** CloudFront's viewer-request function: client routes answer with index.html. */
export const SPA_ROUTES_FUNCTION = `function handler(event) { var r = event.request; if (!${CONSOLE_FILE.toString()}.test(r.uri)) r.uri = '/index.html'; return r; }`;
