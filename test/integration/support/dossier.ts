import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { call } from './client.ts';
import { eventually } from './scenario.ts';

const run = promisify(execFile);

export type DossierView = {
  dossierId: string;
  status: string;
  sha256?: string;
  sizeBytes?: number;
  download?: { url: string };
};

/** Takes a dossier as `token`, waits for its build, downloads the archive. */
export const takeDossier = async (projectId: string, token: string) => {
  const requested = await call<{ dossierId: string }>('POST', `/v1/projects/${projectId}/dossiers`, { token });
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const { dossierId } = requested.body;
  const ready = await eventually(async () => {
    const read = await call<DossierView>('GET', `/v1/projects/${projectId}/dossiers/${dossierId}`, { token });
    expect(read.body.status).not.toBe('failed');
    return read.body.status === 'ready' ? read.body : undefined;
  }, 60_000);
  const download = await fetch(String(ready.download?.url));
  expect(download.status).toBe(200);
  const bytes = new Uint8Array(await download.arrayBuffer());
  return { dossierId, ready, bytes };
};

export const failures = (lines: readonly string[]) => lines.filter((line) => line.startsWith('FAIL'));

/**
 * `node lingchuan-verify.mjs <zip> --jwks <file>` as an auditor runs it: the verifier copied into a
 * scratch folder outside the repository (Node alone, no node_modules near it), with the key set
 * GET /v1/dossier-keys serves. `verify` answers its exit code and its lines; `remove` cleans up.
 */
export const offlineVerifier = () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lingchuan-dossier-'));
  const verifier = path.join(scratch, 'lingchuan-verify.mjs');
  copyFileSync(path.join(process.cwd(), 'bin', 'lingchuan-verify.mjs'), verifier);
  const jwksFile = path.join(scratch, 'dossier-keys.json');
  return {
    /** Fetches the served key set (no token) into the scratch folder; answers its keys. */
    async fetchKeys<K>() {
      const answer = await call<{ keys: K[] }>('GET', '/v1/dossier-keys');
      expect(answer.status).toBe(200);
      writeFileSync(jwksFile, JSON.stringify(answer.body));
      return answer.body.keys;
    },
    async verify(archive: Uint8Array, name: string) {
      const file = path.join(scratch, `${name}.zip`);
      writeFileSync(file, archive);
      try {
        const { stdout } = await run(process.execPath, [verifier, file, '--jwks', jwksFile], { cwd: scratch });
        return { code: 0, lines: stdout.trim().split('\n') };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, lines: failed.stdout.trim().split('\n') };
      }
    },
    remove: () => rmSync(scratch, { recursive: true, force: true }),
  };
};
