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
