#!/usr/bin/env node
// Finds import cycles among the TypeScript sources (type-only imports included, as madge counts
// them): each file's `import … from` / `export … from` specifiers, relative or through package.json
// "imports" (#shared/…, #functions/…, #infra/…), walked depth first. Exits 1 naming each cycle.
// Usage: node scripts/import-cycles.mjs [folders…] (default: shared functions infra console/src)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const aliases = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports;
const folders =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['shared', 'functions', 'infra', 'console/src'];

const sources = (folder) =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });

const target = (from, specifier) => {
  let path;
  if (specifier.startsWith('.')) path = resolve(dirname(from), specifier);
  else {
    const alias = Object.keys(aliases).find((key) => specifier.startsWith(key.replace('*', '')));
    if (!alias) return undefined;
    path = join(root, aliases[alias].replace('*', specifier.slice(alias.length - 1)));
  }
  return [path, `${path}.ts`, `${path}.tsx`].find((p) => existsSync(p) && statSync(p).isFile());
};

const files = folders.flatMap((folder) => sources(join(root, folder)));
const edges = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]);
    return [file, [...new Set(specifiers.map((s) => target(file, s)).filter(Boolean))]];
  }),
);

const cycles = [];
const state = new Map(); // 1: on the path, 2: done
const path = [];
const visit = (file) => {
  state.set(file, 1);
  path.push(file);
  for (const next of edges.get(file) ?? []) {
    if (state.get(next) === 1) cycles.push(path.slice(path.indexOf(next)).concat(next));
    else if (!state.has(next)) visit(next);
  }
  path.pop();
  state.set(file, 2);
};
for (const file of files) if (!state.has(file)) visit(file);

for (const cycle of cycles) console.log(`cycle: ${cycle.map((f) => relative(root, f)).join(' → ')}`);
console.log(
  `${files.length} files, ${[...edges.values()].reduce((n, e) => n + e.length, 0)} imports, ${cycles.length} cycles`,
);
process.exitCode = cycles.length > 0 ? 1 : 0;
