/**
 * The console's Content-Security-Policy, one string for both places that serve the console: the
 * local gateway (so the browser tests run under it) and CloudFront's response headers policy.
 * Scripts only from the console itself; styles inline because Redoc and ECharts set them; any
 * HTTPS connection because the presigned upload goes to S3's regional endpoint and sign-in to the
 * county's identity provider, neither known when the template is written; 'unsafe-eval' because
 * Redoc compiles the OpenAPI schemas it renders (ajv).
 */
export const consoleCsp = (localS3Endpoint?: string) =>
  [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Locally the presigned URLs point at s3rver, plain HTTP on another port of this machine.
    `connect-src 'self' https:${localS3Endpoint ? ` ${localS3Endpoint}` : ''}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

export const CONSOLE_CSP = consoleCsp();

/**
 * Which paths of the console's origin are files of the build: everything under /assets/ (hashed
 * names) and the few named at the root (index.html, config.json). Every other path is a client
 * route the single-page app answers, dots and all: a task's id is `{project}.approval.1.tech-review`.
 * One pattern for both servers: the local gateway, and CloudFront's viewer-request function.
 */
export const CONSOLE_FILE = /^\/assets\/|^\/[^/]+\.[A-Za-z0-9]+$/;

/** CloudFront's viewer-request function: client routes answer with index.html. */
export const SPA_ROUTES_FUNCTION = `function handler(event) { var r = event.request; if (!${CONSOLE_FILE.toString()}.test(r.uri)) r.uri = '/index.html'; return r; }`;
