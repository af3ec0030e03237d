// `npm run test:dates`: the integration suite with the whole local runtime's clock (functions,
// workflows, DynamoDB Local, s3rver, the tests' own "today") set to three dates: about 200 days
// ahead, about 400 days ahead, and 2029-09-01, shortly before the measures expire (2029-09-19).
// A test that names a date a moving today can overtake fails here first (issue #22 item 8).
// The clock is libfaketime's (Debian: apt-get install -y faketime), which every process of the
// run inherits. Not part of `npm test`: it runs the integration suite three times.
// `npm run test:dates -- +200d` runs one of them.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const CLOCKS = ['+200d', '+400d', '@2029-09-01 10:00:00'];
const chosen = process.argv.slice(2);
const clocks = chosen.length > 0 ? chosen : CLOCKS;

try {
  execFileSync('faketime', ['-f', '+0d', 'true'], { stdio: 'ignore' });
} catch {
  console.error('test:dates needs libfaketime: apt-get install -y faketime');
  process.exit(2);
}

/**
 * libfaketime starts an absolute clock ('@…') at that instant in every process it starts: the crash
 * test's restarted runtime went back to 10:00:00 and wrote documents older than the approval the
 * runtime before it had recorded. One offset from now, taken once, moves every process alike.
 */
const offsetOf = (clock) => {
  if (!clock.startsWith('@')) return clock;
  const seconds = Math.round((Date.parse(clock.slice(1).replace(' ', 'T')) - Date.now()) / 1000);
  return `${seconds < 0 ? '-' : '+'}${Math.abs(seconds)}`;
};

const failed = [];
for (const clock of clocks) {
  console.error(`\n[test:dates] the integration suite with the clock at ${clock}`);
  const run = spawnSync(
    'faketime',
    ['-f', offsetOf(clock), path.join('node_modules', '.bin', 'vitest'), 'run', 'test/integration'],
    // Timers keep the real monotonic clock: only the calendar moves.
    { stdio: 'inherit', env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' } },
  );
  if (run.status !== 0) failed.push(clock);
}
if (failed.length > 0) {
  console.error(`[test:dates] failed at: ${failed.join(', ')}`);
  process.exit(1);
}
console.error(`[test:dates] green at: ${clocks.join(', ')}`);
