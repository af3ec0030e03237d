import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { type BuildOptions, build } from 'esbuild';
import { PROJECT_ROOT } from '#infra/constructs/house-function.ts';
import { LingchuanStack } from '#infra/stack.ts';
import { median } from './stats.ts';

const INIT_RUNS = 21;
const ENV = { AWS_REGION: 'cn-north-1', TABLE_NAME: 't', BUCKET_NAME: 'b', PORTAL_ORIGIN: 'x' };

/** Wall time of one fresh `node` that imports `file` and reaches its handler: a cold start's init phase. */
const initOnce = (file: string): number => {
  const script = `const m=await import(${JSON.stringify(file)});if(typeof m.handler!=='function')process.exit(3);`;
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...ENV } });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * A bundle's init against the empty handler's, run alternately so both see the same moment of a
 * shared, noisy machine: across sessions the same bundle has read ×1.4 and ×2.1 when the
 * baseline was measured once, minutes apart.
 */
const initRatio = (file: string, empty: string) => {
  const mine: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    base.push(initOnce(empty));
    mine.push(initOnce(file));
  }
  return { ms: median(mine), emptyMs: median(base), ratio: median(mine) / median(base) };
};

const esbuildOptions: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
};

/**
 * The floor every DynamoDB function stands on: a handler that only creates the SDK's document
 * client, with the SDK external (as the runtime provides it) and bundled in. No code of ours can
 * init faster than this.
 */
const SDK_FLOOR = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => client;
`;

type Row = { entry: string; size: number; init: ReturnType<typeof initRatio> };

const printRow = ({ entry, size, init }: Row, sized = true) =>
  console.log(
    `  ${entry.padEnd(58)} ${(size / 1024).toFixed(1).padStart(7)} KB ` +
      (sized ? `(≤ 300 KB ${size <= 300 * 1024 ? 'met' : 'MISSED'})  ` : '(reference)  ') +
      `init ×${init.ratio.toFixed(2)} empty (${init.ms.toFixed(1)} vs ${init.emptyMs.toFixed(1)} ms; ` +
      `≤ 2× ${init.ratio <= 2 ? 'met' : 'MISSED'})`,
  );

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

    const reference = async (name: string, source: string, external: string[]) => {
      const dir = path.join(outdir, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'entry.mjs'), source);
      const file = path.join(dir, 'index.mjs');
      await build({ ...esbuildOptions, entryPoints: [path.join(dir, 'entry.mjs')], outfile: file, external });
      return { file, size: statSync(file).size };
    };
    const empty = await reference('empty', 'export const handler = async () => ({});\n', []);
    const floorExternal = await reference('sdk-external', SDK_FLOOR, ['@aws-sdk/*']);
    const floorInline = await reference('sdk-inline', SDK_FLOOR, []);

    const rows: Row[] = [];
    for (const [id, resource] of Object.entries(template.Resources)) {
      const entry = resource.Metadata?.['lingchuan:entry'];
      const asset = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || !entry || !asset) continue;
      const dir = path.join(outdir, `fn-${id}`);
      mkdirSync(dir);
      const file = path.join(dir, 'index.mjs');
      copyFileSync(path.join(outdir, asset, 'index.mjs'), file);
      rows.push({ entry, size: statSync(file).size, init: initRatio(file, empty.file) });
    }

    console.log(
      `\nBundles (minified ESM, @aws-sdk/* external as the nodejs22.x runtime provides it); init is the median of ${INIT_RUNS} fresh processes, each beside a run of the empty handler (${empty.size} B):`,
    );
    for (const row of rows.sort((a, b) => b.size - a.size)) printRow(row);
    console.log('  The floor under every DynamoDB function, the SDK document client and nothing else:');
    const floors = [
      { entry: 'sdk floor, @aws-sdk/* external (as deployed)', ...floorExternal },
      { entry: 'sdk floor, @aws-sdk/* bundled in', ...floorInline },
    ].map(({ entry, file, size }) => ({ entry, size, init: initRatio(file, empty.file) }));
    for (const row of floors) printRow(row, false);
    return { rows, floors };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
