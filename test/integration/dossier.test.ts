import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/client.ts';
import {
  type DossierView,
  documentPaths,
  failures,
  type Jwk,
  offlineVerifier,
  TAMPERINGS,
  takeDossier,
} from './support/dossier.ts';
import { underConstruction } from './support/lifecycle.ts';
import { createProject, people, registerDepartment, uniqueDept } from './support/scenario.ts';

const offline = offlineVerifier();
const verify = offline.verify;
afterAll(() => offline.remove());

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

  it.each([
    ['byte-changed', 'names a document with one byte changed: its SHA-256 and SM3'],
    ['event-removed', 'names an event removed from events.jsonl: the file and the broken chain'],
    ['replaced', 'names a document replaced by another file'],
    ['resigned', 'refuses a manifest re-signed with a foreign key, ES256 and SM2 alike'],
  ] as const)('%s: %s (ART33-RECORDS)', async (tampering, _what) => {
    const tampered = TAMPERINGS[tampering](archive, keys);
    const { code, lines } = await verify(tampered.archive, tampering);
    expect(code).toBe(1);
    expect(failures(lines)).toEqual(tampered.failures);
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
