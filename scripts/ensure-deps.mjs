// Installs dependencies when node_modules is missing or older than package-lock.json, so that
// `npm start`, `npm test` and `npm run bench` work on a fresh clone; then checks that the two
// binaries the project leans on were really installed. Both come from dependency install scripts
// (the `node` package's preinstall fetches Node 22, esbuild's postinstall its native binary), which
// npm runs only for the packages package.json's `allowScripts` approves: without them `node` in an
// npm script silently falls back to the machine's older Node, and bundling fails much later.
// Runs on whatever Node the machine has; the scripts after it run on the pinned Node 22.
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = existsSync('package-lock.json') ? readFileSync('package-lock.json') : readFileSync('package.json');
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.deps-stamp';
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';

if (have !== wanted) {
  const command = existsSync('package-lock.json') ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund';
  console.error(`[deps] installing dependencies (${command})`);
  execSync(command, { stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(stamp, wanted);
}

/** What `binary --version` prints, or undefined when it is missing or cannot run here. */
const versionOf = (binary) => {
  if (!existsSync(binary)) return undefined;
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

const problems = [];
const node = versionOf('node_modules/.bin/node');
if (!node?.startsWith('v22.')) {
  problems.push(
    `node_modules/.bin/node ${node ? `is ${node}` : 'is missing or does not run'}, not Node 22: the \`node\` package's ` +
      'preinstall script did not run. Check that package.json\'s "allowScripts" approves "node", then delete ' +
      'node_modules and run this command again.',
  );
}
if (!versionOf('node_modules/.bin/esbuild')) {
  problems.push(
    "esbuild's binary is missing or does not run: its postinstall script did not run. Check that package.json's " +
      '"allowScripts" approves "esbuild", then delete node_modules and run this command again.',
  );
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`[deps] ${problem}`);
  // The stamp is removed so that the next run installs again instead of trusting this install.
  writeFileSync(stamp, '');
  process.exit(1);
}
