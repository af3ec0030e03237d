import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );

/** The X-Ray SDK's name for the middleware it adds to a captured SDK v3 client. */
const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('tracing (issue #19, item 4)', () => {
  it('creates every SDK client through traced(), so a trace shows each AWS call', () => {
    const created = ['shared', 'functions'].flatMap((dir) =>
      sources(dir).flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const all = [...text.matchAll(/\bnew (\w+Client)\(/g)].map((m) => `${file}: ${m[1]}`);
        const wrapped = [...text.matchAll(/\btraced\(\s*new (\w+Client)\(/g)].map((m) => `${file}: ${m[1]}`);
        return all.map((client) => ({ client, traced: wrapped.includes(client) }));
      }),
    );
    // The workflows and the dossier builds each start executions through a client of their own.
    expect(created.map(({ client }) => client.split(': ')[1]).sort()).toEqual(
      ['DynamoDBClient', 'KMSClient', 'S3Client', 'SFNClient', 'SFNClient', 'SNSClient'].sort(),
    );
    expect(created.filter(({ traced }) => !traced)).toEqual([]);
  });

  it('instruments the clients in Lambda, and hands them back untouched elsewhere (the local runtime)', async () => {
    // Loaded afresh: another file of this worker may hold the module already.
    vi.resetModules();
    const local = await import('#shared/store/document-objects.ts');
    expect(local.s3.middlewareStack.identify().some((name) => name.startsWith(XRAY_MIDDLEWARE))).toBe(false);

    vi.resetModules();
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ProjectsFunction');
    vi.stubEnv('AWS_REGION', 'cn-north-1');
    const inLambda = await import('#shared/store/document-objects.ts');
    const { dynamo } = await import('#shared/store/clients.ts');
    expect(inLambda.s3.middlewareStack.identify().some((name) => name.startsWith(XRAY_MIDDLEWARE))).toBe(true);
    expect(
      dynamo()
        .middlewareStack.identify()
        .some((name) => name.startsWith(XRAY_MIDDLEWARE)),
    ).toBe(true);
  });
});
