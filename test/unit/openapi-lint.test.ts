import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { buildOpenApiDocument } from '#shared/http/openapi.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lingchuan-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
}

/** `redocly lint` with its recommended rules, offline (no telemetry, no update check), as JSON. */
const lint = (document: object): LintReport => {
  const file = path.join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  const run = spawnSync(
    process.execPath,
    [path.resolve('node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--extends=recommended', '--format=json'],
    {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  return JSON.parse(run.stdout) as LintReport;
};

describe('the OpenAPI document the API serves', () => {
  it('passes @redocly/cli lint with the recommended rules: no error, no warning', () => {
    const report = lint(buildOpenApiDocument(routes));
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('would fail the lint without its servers (the linter is really looking)', () => {
    const { servers: _servers, ...document } = buildOpenApiDocument(routes);
    const report = lint(document);
    expect(report.problems.map((p) => p.ruleId)).toContain('no-empty-servers');
    expect(report.totals.errors).toBeGreaterThan(0);
  });
});
