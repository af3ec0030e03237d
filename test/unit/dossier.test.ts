import { randomBytes } from 'node:crypto';
import aslValidator from 'asl-validator';
import { sm3 as librarySm3, sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { dossierWorkflowDefinition } from '#infra/workflows/dossier-workflow.asl.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { assertMayExportDossier, documentEntryPath, documentsOfDossier } from '#shared/domain/dossier.ts';
import { ForbiddenError, NotFoundError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { derToRs } from '#shared/store/dossier-signer.ts';
import { Sm3, sm2Verify, sm2Z, sm3, sm3Stream } from '../../bin/verifier/sm.mjs';

const hex = (text: string) => BigInt(`0x${text.replace(/\s+/g, '')}`);

/**
 * GB/T 32918.2-2016 Annex A (and GM/T 0003.2-2012), the example of a digital signature over
 * F_p-256: its own curve (not sm2p256v1), user A's key, "message digest" signed by
 * ALICE123@YAHOO.COM with k = 6CB28D99….
 */
const ANNEX_A = {
  curve: {
    p: hex('8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3'),
    a: hex('787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498'),
    b: hex('63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A'),
    gx: hex('421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D'),
    gy: hex('0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2'),
    n: hex('8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7'),
  },
  publicKey: {
    x: hex('0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A'),
    y: hex('7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857'),
  },
  userId: 'ALICE123@YAHOO.COM',
  za: 'F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A',
  message: Buffer.from('message digest'),
  r: hex('40F1EC59 F793D9F4 9E09DCEF 49130D41 94F79FB1 EED2CAA5 5BACDB49 C4E755D1'),
  s: hex('6FC6DAC3 2C5D5CF1 0C77DFB2 0F7C2EB6 67A45787 2FB09EC5 6327A67E C7DEEBE7'),
};

describe("lingchuan-verify's own SM3 and SM2 (ART33-RECORDS, GB/T 32905, GB/T 32918)", () => {
  it('hashes the GB/T 32905 examples: "abc" and "abcd" sixteen times', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes in pieces what it hashes at once, and agrees with sm-crypto-v2 (ART33-RECORDS)', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000, 70_000]) {
      const bytes = randomBytes(length);
      const pieces = new Sm3();
      for (let at = 0; at < length; at += 37) pieces.update(bytes.subarray(at, at + 37));
      const whole = sm3(bytes).toString('hex');
      expect(pieces.digest().toString('hex')).toBe(whole);
      expect(librarySm3(bytes)).toBe(whole);
      // The builder's stream (OpenSSL's SM3 where Node has it) gives the same digest, in pieces too.
      const stream = sm3Stream();
      for (let at = 0; at < length; at += 37) stream.update(bytes.subarray(at, at + 37));
      expect(stream.digest().toString('hex')).toBe(whole);
    }
  });

  it('verifies the GB/T 32918.2 Annex A signature, Z_A included, and refuses it for another message (ART33-RECORDS)', () => {
    const { curve, publicKey, userId, message, r, s } = ANNEX_A;
    expect(sm2Z(curve, publicKey, userId).toString('hex').toUpperCase()).toBe(ANNEX_A.za);
    expect(sm2Verify({ curve, publicKey, userId, message, r, s })).toBe(true);
    expect(sm2Verify({ curve, publicKey, userId, message: Buffer.from('message digesT'), r, s })).toBe(false);
    expect(sm2Verify({ curve, publicKey, userId, message, r, s: s + 1n })).toBe(false);
    expect(sm2Verify({ curve, publicKey, userId: '1234567812345678', message, r, s })).toBe(false);
  });

  it('verifies what sm-crypto-v2 signs on sm2p256v1 with the standard user id, and nothing signed by another key (ART33-RECORDS)', () => {
    const signer = sm2.generateKeyPairHex();
    const other = sm2.generateKeyPairHex();
    const message = randomBytes(300);
    const signature = sm2.doSignature(message, signer.privateKey, { hash: true });
    const publicKey = { x: hex(signer.publicKey.slice(2, 66)), y: hex(signer.publicKey.slice(66)) };
    const [r, s] = [hex(signature.slice(0, 64)), hex(signature.slice(64))];
    expect(sm2Verify({ publicKey, message, r, s })).toBe(true);
    const foreign = sm2.doSignature(message, other.privateKey, { hash: true });
    expect(sm2Verify({ publicKey, message, r: hex(foreign.slice(0, 64)), s: hex(foreign.slice(64)) })).toBe(false);
  });
});

describe('the dossier (ART33-RECORDS)', () => {
  it('carries a KMS DER signature as the R‖S of a JWS, short integers padded and sign bytes dropped', () => {
    const r = Buffer.alloc(32, 0x81);
    const s = Buffer.concat([Buffer.alloc(1), Buffer.alloc(31, 0x7f)]);
    // r needs a 0x00 sign byte in DER (33 bytes); s loses its leading zero (31 bytes).
    const der = Buffer.concat([
      Buffer.from([0x30, 2 + 33 + 2 + 31, 0x02, 33, 0x00]),
      r,
      Buffer.from([0x02, 31]),
      s.subarray(1),
    ]);
    expect(derToRs(der).toString('hex')).toBe(Buffer.concat([r, s]).toString('hex'));
  });

  const document = (overrides: Partial<ProjectDocument>): ProjectDocument => ({
    id: 'd1',
    projectId: 'p1',
    kind: 'construction-plan',
    fileName: 'plan.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: '0'.repeat(64),
    status: 'verified',
    rejectionReason: null,
    versionId: null,
    uploadedBy: 'u',
    createdAt: '2026-01-01T00:00:00.000Z',
    verifiedAt: null,
    taskId: null,
    ...overrides,
  });

  it('names each document documents/<kind>/<id>-<name>, with nothing a file system refuses and no dot-file (ART33-RECORDS)', () => {
    expect(documentEntryPath(document({ fileName: '建设方案（终稿）.pdf' }))).toBe(
      'documents/construction-plan/d1-建设方案（终稿）.pdf',
    );
    expect(documentEntryPath(document({ fileName: '../a\\b:c*?"<>|\u0007.pdf' }))).toBe(
      'documents/construction-plan/d1-__a_b_c_______.pdf',
    );
    expect(documentEntryPath(document({ fileName: '.hidden' }))).toBe('documents/construction-plan/d1-_hidden');
  });

  it('holds the verified documents only, oldest first (ART33-RECORDS)', () => {
    const kept = documentsOfDossier([
      document({ id: 'late', createdAt: '2026-02-01T00:00:00.000Z' }),
      document({ id: 'pending', status: 'pending' }),
      document({ id: 'rejected', status: 'rejected' }),
      document({ id: 'early' }),
    ]);
    expect(kept.map((d) => d.id)).toEqual(['early', 'late']);
  });

  const project = { ownerDeptId: 'owner', coBuilderDeptIds: ['partner'] };
  const actor = (roles: Actor['roles'], deptId: string | null = null): Actor => ({
    sub: 's',
    name: 'n',
    deptId,
    roles,
  });

  it("is taken by the Audit Bureau, the Data Bureau and the owner's head; refused to others under ART04-ROLE, unseen as 404 (ART33-RECORDS)", () => {
    expect(() => assertMayExportDossier(actor(['audit']), project)).not.toThrow();
    expect(() => assertMayExportDossier(actor(['data-bureau']), project)).not.toThrow();
    expect(() => assertMayExportDossier(actor(['dept-head'], 'owner'), project)).not.toThrow();
    expect(() => assertMayExportDossier(actor(['dept-staff'], 'owner'), project)).toThrow(ForbiddenError);
    expect(() => assertMayExportDossier(actor(['dept-head'], 'partner'), project)).toThrow(ForbiddenError);
    expect(() => assertMayExportDossier(actor(['finance']), project)).toThrow(ForbiddenError);
    expect(() => assertMayExportDossier(actor(['dept-head'], 'stranger'), project)).toThrow(NotFoundError);
    expect(() => assertMayExportDossier(actor(['audit']), undefined)).toThrow(NotFoundError);
  });
});

describe('the dossier build state machine (ART33-RECORDS)', () => {
  const definition = () =>
    JSON.parse(
      JSON.stringify(dossierWorkflowDefinition()).replaceAll(
        /\$\{BuilderArn\}/g,
        'arn:aws-cn:lambda:cn-north-1:123456789012:function:DossierBuilder',
      ),
    );

  it('validates with asl-validator', () => {
    const { isValid, errorsText } = aslValidator(definition());
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('records a build that fails for good before it fails the execution', () => {
    const { States } = definition();
    expect(States.Build.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }]);
    expect(States.RecordFailure.Parameters.step).toBe('record-failure');
    expect(States.RecordFailure.Next).toBe('Failed');
  });
});
