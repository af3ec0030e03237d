import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '#infra/constructs/house-function.ts';
import { LingchuanStack } from '#infra/stack.ts';
import { median } from './stats.ts';

const INIT_RUNS = 15;

/** Wall time of a fresh `node` that imports `file` and reaches its handler: a cold start's init phase. */
const initTimes = (file: string): { processMs: number; importMs: number } => {
  const script = `const t=performance.now();const m=await import(${JSON.stringify(file)});if(typeof m.handler!=='function')process.exit(3);process.stdout.write(String(performance.now()-t));`;
  const processMs: number[] = [];
  const importMs: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    const started = process.hrtime.bigint();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, AWS_REGION: 'cn-north-1', TABLE_NAME: 't', BUCKET_NAME: 'b', PORTAL_ORIGIN: 'x' },
    });
    processMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    importMs.push(Number(out.toString()));
  }
  return { processMs: median(processMs), importMs: median(importMs) };
};

/**
 * Every function bundle exactly as `cdk synth` builds it, against an empty handler bundled with
 * the same options in the same run. Bundles are copied under the project so that the runtime's
 * own packages (`@aws-sdk/*`, external as in Lambda) resolve from node_modules.
 */
export const benchBundles = async () => {
  const outdir = mkdtempSync(path.join(PROJECT_ROOT, '.local-bench-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    new LingchuanStack(app, 'Lingchuan');
    const assembly = app.synth();
    const template = assembly.getStackByName('Lingchuan').template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };

    const emptyDir = path.join(outdir, 'empty');
    mkdirSync(emptyDir);
    writeFileSync(path.join(emptyDir, 'entry.mjs'), 'export const handler = async () => ({});\n');
    await build({
      entryPoints: [path.join(emptyDir, 'entry.mjs')],
      outfile: path.join(emptyDir, 'index.mjs'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
    });
    const emptySize = statSync(path.join(emptyDir, 'index.mjs')).size;
    const empty = initTimes(path.join(emptyDir, 'index.mjs'));

    const rows = [];
    for (const [id, resource] of Object.entries(template.Resources)) {
      const entry = resource.Metadata?.['lingchuan:entry'];
      const asset = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || !entry || !asset) continue;
      const dir = path.join(outdir, `fn-${id}`);
      mkdirSync(dir);
      copyFileSync(path.join(outdir, asset, 'index.mjs'), path.join(dir, 'index.mjs'));
      const size = statSync(path.join(dir, 'index.mjs')).size;
      const init = initTimes(path.join(dir, 'index.mjs'));
      rows.push({ entry, size, init });
    }

    console.log(
      `\nBundles (minified ESM, @aws-sdk/* external as the nodejs22.x runtime provides it), ${INIT_RUNS} fresh processes each:`,
    );
    console.log(
      `  empty handler: ${emptySize} B; process to handler ${empty.processMs.toFixed(1)} ms (import ${empty.importMs.toFixed(1)} ms)`,
    );
    for (const row of rows.sort((a, b) => b.size - a.size)) {
      console.log(
        `  ${row.entry.padEnd(56)} ${(row.size / 1024).toFixed(1).padStart(7)} KB ` +
          `(×${(row.size / emptySize).toFixed(0)} empty; target ≤ 300 KB ${row.size <= 300 * 1024 ? 'met' : 'MISSED'})  ` +
          `init ×${(row.init.processMs / empty.processMs).toFixed(2)} empty ` +
          `(${row.init.processMs.toFixed(1)} ms; import ${row.init.importMs.toFixed(1)} ms; target ≤ 2× ${row.init.processMs <= 2 * empty.processMs ? 'met' : 'MISSED'})`,
      );
    }
    return rows;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
