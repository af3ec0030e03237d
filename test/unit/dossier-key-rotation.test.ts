import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { retiredLocalKeyIds, startKmsLocal } from '#infra/local/kms-local.ts';
import { freePort } from '#infra/local/ports.ts';
import { dossierKeys } from '#shared/use-cases/dossiers/read-dossiers.ts';
import { checkEs256, checkSm2 } from '../../bin/verifier/checks.mjs';

/**
 * Issue #20: GET /v1/dossier-keys keeps retired keys, so a dossier signed before a key rotation
 * still verifies with the key set the API serves after it. The signer and the key route's use case
 * run against the local KMS endpoint (the real @aws-sdk/client-kms), and the verifier's own checks
 * read the served key set.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'lingchuan-rotation-'));
const KEYS = [
  { id: 'SigningKey', keySpec: 'ECC_NIST_P256' },
  { id: 'Sm2SigningKey', keySpec: 'SM2' },
] as const;
let server: Server | undefined;
let signerModule: typeof import('#shared/store/dossier-signer.ts');
let port = 0;

/** Started again on the same port, as the client resolved its endpoint once. */
const startKms = async () => {
  if (server) await new Promise((resolve) => server?.close(resolve));
  port ||= await freePort();
  const kms = await startKmsLocal(dataDir, KEYS, port);
  server = kms.server;
  vi.stubEnv('AWS_ENDPOINT_URL_KMS', kms.endpoint);
};

beforeAll(async () => {
  for (const [name, value] of Object.entries({
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
  }))
    vi.stubEnv(name, value);
  await startKms();
  // The signer's KMS client is made when its module loads: a module another file loaded has no local endpoint.
  vi.resetModules();
  signerModule = await import('#shared/store/dossier-signer.ts');
});

afterAll(() => {
  vi.unstubAllEnvs();
  server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a dossier key rotation (ART33)', () => {
  it('publishes the retired keys beside the new ones, so a dossier signed before the rotation verifies with the served JWKS, and nothing signs with a retired key', async () => {
    const manifest = Buffer.from(JSON.stringify({ project: 'rotation', builtAt: new Date().toISOString() }));
    const before = signerModule.dossierSigner({ DOSSIER_KEY_ID: 'SigningKey', DOSSIER_SM2_KEY_ID: 'Sm2SigningKey' });
    const jws = await before.signJws(manifest);
    const sm2 = await before.signSm2(manifest);

    // The rotation: both key files move under kms/retired/; the next start makes new keys in their place.
    mkdirSync(path.join(dataDir, 'kms', 'retired'), { recursive: true });
    for (const [id, retiredAs] of [
      ['SigningKey', 'es256-2026'],
      ['Sm2SigningKey', 'sm2-2026'],
    ]) {
      renameSync(path.join(dataDir, 'kms', `${id}.json`), path.join(dataDir, 'kms', 'retired', `${retiredAs}.json`));
    }
    await startKms();
    expect(retiredLocalKeyIds(dataDir)).toEqual(['es256-2026', 'sm2-2026']);

    const env = { DOSSIER_KEY_ID: 'SigningKey', DOSSIER_SM2_KEY_ID: 'Sm2SigningKey' };
    const withoutRetired = await dossierKeys({ dossierSigner: signerModule.dossierSigner(env) });
    const served = await dossierKeys({
      dossierSigner: signerModule.dossierSigner({ ...env, DOSSIER_RETIRED_KEY_IDS: 'es256-2026,sm2-2026' }),
    });
    expect(served.keys).toHaveLength(4);
    expect(served.keys.map((key) => key.crv)).toEqual(['P-256', 'SM2', 'P-256', 'SM2']);

    // Only the served set with the retired keys verifies the old dossier; without them it names the missing key.
    expect(checkEs256(jws, manifest, served)).toMatchObject({ ok: true });
    expect(checkSm2(sm2, manifest, served)).toMatchObject({ ok: true });
    expect(checkEs256(jws, manifest, withoutRetired)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not in the key set'),
    });
    expect(checkSm2(sm2, manifest, withoutRetired)).toMatchObject({ ok: false });

    // A new dossier is signed by the new key, which the served set also holds.
    const after = signerModule.dossierSigner({ ...env, DOSSIER_RETIRED_KEY_IDS: 'es256-2026,sm2-2026' });
    const newJws = await after.signJws(manifest);
    expect(checkEs256(newJws, manifest, served)).toMatchObject({ ok: true });
    expect(newJws.split('.')[0]).not.toBe(jws.split('.')[0]);

    // A retired key is disabled for signing.
    const retiredSigner = signerModule.dossierSigner({ DOSSIER_KEY_ID: 'es256-2026' });
    await expect(retiredSigner.signJws(manifest)).rejects.toThrow(/retired/);
  });
});
