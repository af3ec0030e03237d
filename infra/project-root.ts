import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root. A module of its own, free of aws-cdk-lib, so that the local runtime
 * can name its files without loading the CDK (seconds of every start).
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What local runs keep between starts to skip repeated work (git-ignored, as `.local-*` is). */
export const LOCAL_CACHE_DIR = path.join(PROJECT_ROOT, '.local-cache');
