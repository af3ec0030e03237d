import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { ENTRY_METADATA, HouseFunction, PROJECT_ROOT } from '#infra/constructs/house-function.ts';
import { LingchuanStack } from '#infra/stack.ts';
import { resourceOf } from '#shared/http/route.ts';
import { budgetOverFloor, HOUSE_BUILD_OPTIONS, SDK_FLOOR, zodLocalesIn } from '../support/bundle-budget.ts';

/**
 * Issue #19: the bundles grew 300 KB back (zod's locales and JSON-schema conversion) through one
 * `import { z } from 'zod'`, and a person found it a week later. Every function of the template is
 * built here as `cdk synth` builds it and held to a budget set from the floor under it.
 */
let outdir: string;
const build1 = async (name: string, entryPoint: string) => {
  const outfile = path.join(outdir, name, 'index.mjs');
  const { metafile } = await build({ ...HOUSE_BUILD_OPTIONS, entryPoints: [entryPoint], outfile, metafile: true });
  return { size: statSync(outfile).size, locales: zodLocalesIn(metafile) };
};

beforeAll(() => {
  outdir = mkdtempSync(path.join(PROJECT_ROOT, '.local-test-bundles-'));
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('bundles', () => {
  it('keeps every function within its budget over the SDK floor, and none carries zod’s locales', async () => {
    // Every function of the stack, by the entry its template metadata names (the API's are written as
    // the stack is built). Built here, not synthesized: a synth of the whole stack holds this worker's
    // event loop for a minute on a loaded machine, and the entries are all this needs.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new LingchuanStack(app, 'Lingchuan');
    const entries = stack.node
      .findAll()
      .filter((c): c is HouseFunction<never> => c instanceof HouseFunction)
      .map((fn) => String((fn.node.defaultChild as CfnFunction).getMetadata(ENTRY_METADATA)));
    // One per resource folder, and the workflow steps, the document verifier, the sweep, the morning reminders and the dossier builder.
    expect(entries).toHaveLength(new Set(routes.map(resourceOf)).size + 5);

    const floorEntry = path.join(outdir, 'floor.mjs');
    writeFileSync(floorEntry, SDK_FLOOR);
    const floor = await build1('floor', floorEntry);
    const budgetOf = (entry: string) => floor.size * budgetOverFloor(entry);

    const bundles: Record<string, { size: number; locales: string[] }> = {};
    for (const [i, entry] of entries.entries())
      bundles[entry] = await build1(`fn-${i}`, path.join(PROJECT_ROOT, entry));
    const over = Object.entries(bundles)
      .filter(([entry, { size }]) => size > budgetOf(entry))
      .map(
        ([entry, { size }]) => `${entry}: ${Math.round(size / 1024)} KB over ${Math.round(budgetOf(entry) / 1024)} KB`,
      );
    expect(over).toEqual([]);
    expect(
      Object.entries(bundles)
        .filter(([, { locales }]) => locales.length > 0)
        .map(([entry]) => entry),
    ).toEqual([]);
  }, 240_000);

  it('sees zod’s locales in a function that imports zod’s namespace object as a value (the check can fail)', async () => {
    const entry = path.join(outdir, 'named-z.mjs');
    writeFileSync(entry, "import { z } from 'zod';\nexport const handler = async (v) => z.string().parse(v);\n");
    const { locales } = await build1('named-z', entry);
    expect(locales.length).toBeGreaterThan(10);
  });
});
