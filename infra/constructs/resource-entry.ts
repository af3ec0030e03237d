import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type RouteDefinition, routeKey } from '#shared/http/route.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/** Where the resource functions' entries are written at synth (git-ignored: derived, never edited). */
export const RESOURCE_ENTRIES_DIR = '.build/api';

/** The source of a function serving `routes` (the bench also builds one serving every route). */
export const resourceEntrySource = (routes: readonly RouteDefinition[], origin: string): string => {
  const modules = [...new Set(routes.map((route) => route.handler))].sort();
  const binding = new Map(modules.map((handler, i) => [handler, `route${i}`]));
  return [
    `// Written by infra/constructs/resource-entry.ts from ${origin}: do not edit.`,
    "import { resourceFunction } from '#shared/http/resource-function.ts';",
    ...modules.map((handler) => `import * as ${binding.get(handler)} from '#functions/api/${handler}.handler.ts';`),
    '',
    'export const handler = resourceFunction({',
    ...routes.map((route) => `  ${JSON.stringify(routeKey(route))}: ${binding.get(route.handler)},`),
    '});',
    '',
  ].join('\n');
};

/**
 * Writes the entry of one resource folder's Lambda from its routes' declarations and returns its
 * path relative to the project root: every route's handler module, imported statically, in the
 * table `resourceFunction` dispatches on. Generated rather than kept by hand so that a route
 * declared in `routes.ts` beside its handler file needs no other wiring; static rather than a
 * glob `import()`, which esbuild bundles as lazily initialised modules that it cannot tree-shake
 * (the projects function: 691 KB and +12% init CPU against 612 KB with static imports).
 * The file is rewritten only when it changes, and through a rename, so concurrent synths (the
 * infra tests beside the local runtime) never read half a file.
 */
export const writeResourceEntry = (resource: string, routes: readonly RouteDefinition[]): string => {
  const source = resourceEntrySource(routes, `functions/api/${resource}/routes.ts`);
  const entry = `${RESOURCE_ENTRIES_DIR}/${resource}.function.ts`;
  const file = path.join(PROJECT_ROOT, entry);
  if (existsSync(file) && readFileSync(file, 'utf8') === source) return entry;
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, source);
  renameSync(partial, file);
  return entry;
};
