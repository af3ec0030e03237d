import { startLocalRuntime } from '#infra/local/runtime.ts';
import { benchBundles } from './bundles.ts';
import { benchConsoleSize, benchPortfolio } from './console.ts';
import { benchCreateLoad } from './create-load.ts';
import { benchDataDir, benchHttpPath, removeBenchDir } from './http-path.ts';
import { benchSweepScale } from './sweep-scale.ts';
import { benchUploadMemory } from './upload-memory.ts';

/**
 * `npm run bench`: figures printed as ratios to a baseline measured in the same run, because
 * these machines are shared and noisy. Never part of `npm test`.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
await benchBundles();
benchConsoleSize();

const dataDir = benchDataDir();
const runtime = await startLocalRuntime({ dataDir, port: 0, schedules: false });
try {
  await benchHttpPath(runtime);
  await benchCreateLoad(runtime);
  await benchUploadMemory(runtime);
  await benchPortfolio(runtime);
  await benchSweepScale(runtime);
} finally {
  await runtime.stop();
  removeBenchDir(dataDir);
}
