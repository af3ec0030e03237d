import { register } from 'node:module';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { benchBundles } from './bundles.ts';
import { benchColdStarts } from './cold-starts.ts';
import { benchConsoleSize, benchPortfolio } from './console.ts';
import { benchCreateLoad } from './create-load.ts';
import { benchDossier } from './dossier.ts';
import { benchDataDir, benchHttpPath, removeBenchDir } from './http-path.ts';
import { benchReminderScale } from './reminder-scale.ts';
import { benchSweepScale } from './sweep-scale.ts';
import { benchSweepWrite } from './sweep-write.ts';
import { benchUploadMemory } from './upload-memory.ts';

/**
 * `npm run bench`: figures printed as ratios to a baseline measured in the same run, because
 * these machines are shared and noisy. Never part of `npm test`. `BENCH_ONLY=init,console,http,load,
 * upload,portfolio,life,dossier,sweep-write,sweep-scale,reminders,cold` runs only the sections named.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (section: string) => !only || only.includes(section);

// The project's life is driven with the integration tests' own helpers, which import vitest.
register('./vitest-shim-hooks.mjs', import.meta.url);

if (wanted('init')) await benchBundles();
if (wanted('cold')) await benchColdStarts();
if (wanted('console')) benchConsoleSize();

const RUNTIME_SECTIONS = [
  'http',
  'load',
  'upload',
  'portfolio',
  'life',
  'dossier',
  'sweep-write',
  'sweep-scale',
  'reminders',
];
const dataDir = benchDataDir();
const runtime = RUNTIME_SECTIONS.some(wanted)
  ? await startLocalRuntime({ dataDir, port: 0, schedules: false })
  : undefined;
try {
  if (runtime) {
    if (wanted('http')) await benchHttpPath(runtime);
    if (wanted('load')) await benchCreateLoad(runtime);
    if (wanted('upload')) await benchUploadMemory(runtime);
    if (wanted('portfolio')) await benchPortfolio(runtime);
    if (wanted('life')) {
      const { measureLife, printRoundTrips } = await import('./round-trips.ts');
      const { printCostModel } = await import('./cost-model.ts');
      const life = await measureLife(runtime);
      printRoundTrips(life);
      await printCostModel(life, runtime);
    }
    if (wanted('dossier')) await benchDossier(runtime);
    // The write path before the scale bench, whose 100,000 projects and due duties stay in the table.
    if (wanted('sweep-write')) await benchSweepWrite(runtime);
    if (wanted('sweep-scale')) await benchSweepScale(runtime);
    if (wanted('reminders')) await benchReminderScale(runtime);
  }
} finally {
  await runtime?.stop();
  removeBenchDir(dataDir);
}
