// Installs dependencies when node_modules is missing or older than package-lock.json,
// so that `npm start`, `npm test` and `npm run bench` work on a fresh clone.
// Runs on whatever Node the machine has; the scripts after it run on the pinned Node 22.
import { execSync } from 'node:child_process';
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
