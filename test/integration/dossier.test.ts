import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { sm2, sm3 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/client.ts';
import { type DossierView, failures, offlineVerifier, takeDossier } from './support/dossier.ts';
import { underConstruction } from './support/lifecycle.ts';
import { createProject, people, registerDepartment, uniqueDept } from './support/scenario.ts';

type Jwk = { kty: string; crv: string; x: string; y: string; kid: string; alg: string };

const offline = offlineVerifier();
const verify = offline.verify;
afterAll(() => offline.remove());

/** The archive with `change` applied to its files, written again. */
const rewrite = (archive: Uint8Array, change: (files: Record<string, Uint8Array>) => void) => {
  const files = unzipSync(archive);
  change(files);
  return zipSync(files, { level: 0 });
};

const documentPaths = (archive: Uint8Array) =>
  Object.keys(unzipSync(archive)).filter((name) => name.startsWith('documents/'));

describe('the audit dossier (ART33-RECORDS)', () => {
  let archive: Uint8Array;
  let projectId: string;
  let keys: Jwk[];

  beforeAll(async () => {
    keys = await offline.fetchKeys<Jwk>();
    const built = await underConstruction();
    projectId = built.project.id;
    archive = (await takeDossier(projectId, await tokenFor({ roles: ['audit'], sub: 'auditor-1', name: '审计员' })))
      .bytes;
  }, 240_000);

  it('serves the signing keys without a token, cached, ES256 and SM2 (ART33-RECORDS)', async () => {
    const answer = await call('GET', '/v1/dossier-keys');
    expect(answer.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(keys.map((key) => [key.crv, key.alg])).toEqual([
      ['P-256', 'ES256'],
      ['SM2', 'SM2DSA'],
    ]);
  });

  it('builds the dossier of a project taken through its life, and lingchuan-verify passes it with Node alone (ART33-RECORDS)', async () => {
    const files = unzipSync(archive);
    const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8'));
    for (const name of [
      'events.jsonl',
      'project.json',
      'records.json',
      'tasks.json',
      'obligations.json',
      'findings.json',
    ]) {
      expect(Object.keys(files)).toContain(name);
    }
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.sig', 'manifest.sm2.sig']));
    expect(documentPaths(archive).length).toBeGreaterThanOrEqual(8);
    expect(manifest.signatures).toEqual(['ES256', 'SM2DSA']);
    expect(manifest.files.every((file: { sm3?: string }) => /^[0-9a-f]{64}$/.test(String(file.sm3)))).toBe(true);
    const events = Buffer.from(files['events.jsonl'] as Uint8Array).toString('utf8');
    expect(events).toContain('"action":"dossier.requested"');

    const { code, lines } = await verify(archive, 'intact');
    expect(failures(lines)).toEqual([]);
    expect(lines).toContain('dossier verified');
    expect(lines.some((line) => line.startsWith('ok   signature ES256'))).toBe(true);
    expect(lines.some((line) => line.startsWith('ok   signature SM2'))).toBe(true);
    expect(lines.some((line) => line.startsWith('ok   audit chain'))).toBe(true);
    expect(code).toBe(0);
  });

  it('names a document with one byte changed: its SHA-256 and SM3 (ART33-RECORDS)', async () => {
    const [target] = documentPaths(archive);
    const tampered = rewrite(archive, (files) => {
      const bytes = Uint8Array.from(files[String(target)] as Uint8Array);
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
      files[String(target)] = bytes;
    });
    const { code, lines } = await verify(tampered, 'byte-changed');
    expect(code).toBe(1);
    expect(failures(lines)).toEqual([
      `FAIL file ${target}: SHA-256 differs from the manifest; SM3 differs from the manifest`,
    ]);
  });

  it('names an event removed from events.jsonl: the file and the broken chain (ART33-RECORDS)', async () => {
    const tampered = rewrite(archive, (files) => {
      const lines = Buffer.from(files['events.jsonl'] as Uint8Array)
        .toString('utf8')
        .split('\n');
      lines.splice(2, 1);
      files['events.jsonl'] = Buffer.from(lines.join('\n'));
    });
    const { code, lines } = await verify(tampered, 'event-removed');
    expect(code).toBe(1);
    expect(failures(lines)).toEqual([
      expect.stringMatching(/^FAIL file events\.jsonl: size \d+, the manifest says \d+; SHA-256 differs/),
      'FAIL audit chain: event 3 has seq 4 (one missing or reordered)',
    ]);
  });

  it('names a document replaced by another file (ART33-RECORDS)', async () => {
    const [first, second] = documentPaths(archive);
    const tampered = rewrite(archive, (files) => {
      files[String(first)] = files[String(second)] as Uint8Array;
    });
    const { code, lines } = await verify(tampered, 'replaced');
    expect(code).toBe(1);
    expect(failures(lines)).toEqual([
      expect.stringMatching(new RegExp(`^FAIL file ${String(first).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `)),
    ]);
  });

  it('refuses a manifest re-signed with a foreign key, ES256 and SM2 alike (ART33-RECORDS)', async () => {
    const [target] = documentPaths(archive);
    const tampered = rewrite(archive, (files) => {
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
    });
    const { code, lines } = await verify(tampered, 'resigned');
    expect(code).toBe(1);
    expect(failures(lines)).toEqual([
      expect.stringMatching(/^FAIL signature ES256: ES256 signature by .+ does not match manifest\.json$/),
      expect.stringMatching(/^FAIL signature SM2: SM2 signature by .+ does not match manifest\.json$/),
    ]);
  });

  it('lists the dossier on the project and in the Audit Bureau view (ART33-RECORDS)', async () => {
    const auditor = await tokenFor({ roles: ['audit'], sub: 'auditor-1', name: '审计员' });
    const ofProject = await call<{ items: DossierView[] }>('GET', `/v1/projects/${projectId}/dossiers`, {
      token: auditor,
    });
    expect(ofProject.body.items.map((item) => item.status)).toEqual(['ready']);
    const county = await call<{ items: (DossierView & { projectId: string })[] }>('GET', '/v1/dossiers?limit=200', {
      token: auditor,
    });
    expect(county.status).toBe(200);
    expect(county.body.items.some((item) => item.projectId === projectId)).toBe(true);
  });
});

describe('who takes a dossier (ART33-RECORDS)', () => {
  it('builds the dossier of a draft with no verified documents: the record as it stands', async () => {
    const dept = uniqueDept('dossier-draft');
    await registerDepartment(dept);
    const { staff, head } = people(dept);
    const draft = await createProject(await staff());
    const { bytes } = await takeDossier(draft.id, await head());
    expect(documentPaths(bytes)).toEqual([]);
    const { code, lines } = await verify(bytes, 'draft');
    expect(failures(lines)).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it('answers 404 to a department that may not see the project, 403 ART04-ROLE to its own staff', async () => {
    const dept = uniqueDept('dossier-owner');
    await registerDepartment(dept);
    const draft = await createProject(await people(dept).staff());
    const stranger = await call('POST', `/v1/projects/${draft.id}/dossiers`, {
      token: await tokenFor({ roles: ['dept-head'], dept: 'someone-else', sub: 'other-head' }),
    });
    expect(stranger.status).toBe(404);
    const ownStaff = await call<{ code: string }>('POST', `/v1/projects/${draft.id}/dossiers`, {
      token: await people(dept).staff(),
    });
    expect(ownStaff.status).toBe(403);
    expect(ownStaff.body.code).toBe('ART04-ROLE');
    const finance = await call<{ code: string }>('POST', `/v1/projects/${draft.id}/dossiers`, {
      token: await tokenFor({ roles: ['finance'] }),
    });
    expect(finance.status).toBe(403);
  });
});
