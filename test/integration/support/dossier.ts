import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, zipSync } from 'fflate';
import { sm2, sm3 } from 'sm-crypto-v2';
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
 * `node lingchuan-verify.mjs <zip> --jwks <file>` as an auditor runs it: the verifier and its folder
 * copied into a scratch folder outside the repository (Node alone, no node_modules near it), with the key set
 * GET /v1/dossier-keys serves. `verify` answers its exit code and its lines; `remove` cleans up.
 */
export const offlineVerifier = () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lingchuan-dossier-'));
  const verifier = path.join(scratch, 'lingchuan-verify.mjs');
  copyFileSync(path.join(process.cwd(), 'bin', 'lingchuan-verify.mjs'), verifier);
  // Its modules go beside it, as an auditor copies them: the folder and nothing else of the repository.
  cpSync(path.join(process.cwd(), 'bin', 'verifier'), path.join(scratch, 'verifier'), {
    recursive: true,
    filter: (source) => !source.endsWith('.d.mts'),
  });
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

export type Jwk = { kty: string; crv: string; x: string; y: string; kid: string; alg: string };

/** The archive with `change` applied to its files, written again. */
export const rewrite = (archive: Uint8Array, change: (files: Record<string, Uint8Array>) => void) => {
  const files = unzipSync(archive);
  change(files);
  return zipSync(files, { level: 0 });
};

export const documentPaths = (archive: Uint8Array) =>
  Object.keys(unzipSync(archive)).filter((name) => name.startsWith('documents/'));

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The four ways issue #20 names of bending a dossier, each with what lingchuan-verify must answer:
 * the archive tampered, and the FAIL lines that name it. Every test that takes a dossier can put
 * its archive through all four.
 */
export const TAMPERINGS: Record<
  'byte-changed' | 'event-removed' | 'replaced' | 'resigned',
  (archive: Uint8Array, keys: readonly Jwk[]) => { archive: Uint8Array; failures: unknown[] }
> = {
  'byte-changed': (archive) => {
    const [target] = documentPaths(archive);
    return {
      archive: rewrite(archive, (files) => {
        const bytes = Uint8Array.from(files[String(target)] as Uint8Array);
        bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
        files[String(target)] = bytes;
      }),
      failures: [`FAIL file ${target}: SHA-256 differs from the manifest; SM3 differs from the manifest`],
    };
  },
  'event-removed': (archive) => ({
    archive: rewrite(archive, (files) => {
      const lines = Buffer.from(files['events.jsonl'] as Uint8Array)
        .toString('utf8')
        .split('\n');
      lines.splice(2, 1);
      files['events.jsonl'] = Buffer.from(lines.join('\n'));
    }),
    failures: [
      expect.stringMatching(/^FAIL file events\.jsonl: size \d+, the manifest says \d+; SHA-256 differs/),
      'FAIL audit chain: event 3 has seq 4 (one missing or reordered)',
    ],
  }),
  replaced: (archive) => {
    const [first, second] = documentPaths(archive);
    return {
      archive: rewrite(archive, (files) => {
        files[String(first)] = files[String(second)] as Uint8Array;
      }),
      failures: [expect.stringMatching(new RegExp(`^FAIL file ${escaped(String(first))}: `))],
    };
  },
  resigned: (archive, keys) => {
    const [target] = documentPaths(archive);
    return {
      archive: rewrite(archive, (files) => {
        // The forger swaps a document, writes its true digests into the manifest and signs that with keys of its own.
        const forged = Buffer.from('%PDF-1.7 forged\n');
        files[String(target)] = forged;
        const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8'));
        const entry = manifest.files.find((file: { path: string }) => file.path === target);
        entry.sizeBytes = forged.length;
        entry.sha256 = createHash('sha256').update(forged).digest('hex');
        entry.sm3 = sm3(forged);
        const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
        files['manifest.json'] = bytes;
        const es256 = keys.find((key) => key.alg === 'ES256') as Jwk;
        const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: es256.kid })).toString('base64url');
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const signature = sign('sha256', Buffer.from(`${header}.${bytes.toString('base64url')}`), {
          key: privateKey,
          dsaEncoding: 'ieee-p1363',
        });
        files['manifest.sig'] = Buffer.from(`${header}..${signature.toString('base64url')}`);
        const foreignSm2 = sm2.generateKeyPairHex();
        const sm2Key = keys.find((key) => key.alg === 'SM2DSA') as Jwk;
        const sm2Signature = Buffer.from(sm2.doSignature(bytes, foreignSm2.privateKey, { hash: true }), 'hex');
        files['manifest.sm2.sig'] = Buffer.from(
          JSON.stringify({
            alg: 'SM2DSA',
            hash: 'SM3',
            kid: sm2Key.kid,
            userId: '1234567812345678',
            signature: sm2Signature.toString('base64url'),
          }),
        );
      }),
      failures: [
        expect.stringMatching(/^FAIL signature ES256: ES256 signature by .+ does not match manifest\.json$/),
        expect.stringMatching(/^FAIL signature SM2: SM2 signature by .+ does not match manifest\.json$/),
      ],
    };
  },
};
