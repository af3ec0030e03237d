// Builds the web console (console/dist) when its sources changed since the last build, so that
// `npm start` and `npm test` work on a fresh clone and cost nothing when nothing changed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const inputs = ['console', 'shared', 'package-lock.json'];
const skip = new Set(['dist', 'node_modules']);

const files = (entry) => {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry)
    .filter((name) => !skip.has(name))
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
};

const hash = createHash('sha256');
for (const file of inputs.flatMap(files)) hash.update(file).update(readFileSync(file));
const wanted = hash.digest('hex');
const stamp = path.join('console', 'dist', '.build-stamp');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
  console.error('[console] building the web console (vite build)');
  execFileSync(
    path.join('node_modules', '.bin', 'vite'),
    ['build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  writeFileSync(stamp, wanted);
}
