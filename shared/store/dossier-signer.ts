import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { sm2 as sm2Lib } from 'sm-crypto-v2';
import { traced } from '#shared/observability/tracer.ts';
import type { DossierJwk, DossierSigner } from '#shared/use-cases/dossiers/dossier-ports.ts';

/** Created once per cold start; locally the endpoint comes from AWS_ENDPOINT_URL_KMS (infra/local/kms-local.ts). */
const kms = traced(new KMSClient({}));

/** The standard SM2 user id (GB/T 35276), which KMS uses for SM2DSA. */
export const SM2_USER_ID = '1234567812345678';

/** An EC public key's point, from the SubjectPublicKeyInfo KMS returns: its last 65 bytes are 04 ‖ X ‖ Y. */
const pointOf = (spki: Uint8Array) => {
  const point = spki.subarray(spki.length - 65);
  if (point[0] !== 0x04) throw new Error('not an uncompressed EC public key');
  return { x: Buffer.from(point.subarray(1, 33)), y: Buffer.from(point.subarray(33)) };
};

/** RFC 7638: the key's thumbprint, over its required members in lexicographic order. */
const thumbprint = (crv: string, x: string, y: string) =>
  createHash('sha256')
    .update(JSON.stringify({ crv, kty: 'EC', x, y }))
    .digest('base64url');

/** A DER ECDSA/SM2 signature (SEQUENCE { r INTEGER, s INTEGER }), which KMS returns, as r ‖ s (32 bytes each). */
export const derToRs = (der: Uint8Array): Buffer => {
  const bytes = Buffer.from(der);
  let at = 2;
  if (bytes[0] !== 0x30) throw new Error('not a DER signature');
  if ((bytes[1] as number) & 0x80) at = 2 + ((bytes[1] as number) & 0x7f);
  const integer = () => {
    if (bytes[at] !== 0x02) throw new Error('not a DER signature');
    const length = bytes[at + 1] as number;
    const value = bytes.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
};

interface KeyInfo {
  readonly jwk: DossierJwk;
  readonly publicHex: string;
}

/**
 * Signs with AWS KMS asymmetric keys: ECC_NIST_P256 for the ES256 JWS and, where the partition
 * offers it, SM2 for GB/T 32918's signature. Messages go as DIGEST (KMS takes at most 4 KB RAW;
 * a manifest of many documents is more): SHA-256 of the JWS signing input, and for SM2 the
 * e = SM3(Z_A ‖ M) of GB/T 32918 with the standard user id, which KMS asks callers to compute
 * themselves in DIGEST mode.
 */
export const kmsDossierSigner = (keys: {
  es256: string;
  sm2?: string | undefined;
  /** Keys a rotation retired: published beside the current ones, never signed with. */
  retired?: readonly string[] | undefined;
}): DossierSigner => {
  const infos = new Map<string, Promise<KeyInfo>>();
  const info = (keyId: string) => {
    if (!keyId) return Promise.reject(new Error('This function has no dossier signing key.'));
    let known = infos.get(keyId);
    if (!known) {
      known = kms.send(new GetPublicKeyCommand({ KeyId: keyId })).then(({ PublicKey, KeySpec }) => {
        if (!PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
        // The curve is the key's own: a retired key is named by its ARN alone.
        const crv = KeySpec === 'SM2' ? 'SM2' : 'P-256';
        const { x, y } = pointOf(PublicKey);
        const [xs, ys] = [x.toString('base64url'), y.toString('base64url')];
        return {
          jwk: {
            kty: 'EC',
            crv,
            x: xs,
            y: ys,
            kid: thumbprint(crv, xs, ys),
            alg: crv === 'SM2' ? 'SM2DSA' : 'ES256',
            use: 'sig',
          },
          publicHex: `04${x.toString('hex')}${y.toString('hex')}`,
        } satisfies KeyInfo;
      });
      known.catch(() => infos.delete(keyId));
      infos.set(keyId, known);
    }
    return known;
  };
  const sign = async (keyId: string, digest: Uint8Array, algorithm: 'ECDSA_SHA_256' | 'SM2DSA') => {
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }),
    );
    if (!Signature) throw new Error(`KMS returned no signature from ${keyId}`);
    return derToRs(Signature);
  };

  return {
    sm2: keys.sm2 !== undefined,
    async signJws(payload) {
      const { jwk } = await info(keys.es256);
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: jwk.kid })).toString('base64url');
      const input = `${header}.${Buffer.from(payload).toString('base64url')}`;
      const signature = await sign(keys.es256, createHash('sha256').update(input, 'ascii').digest(), 'ECDSA_SHA_256');
      return `${header}..${signature.toString('base64url')}`;
    },
    async signSm2(message) {
      if (!keys.sm2) throw new Error('No SM2 key signs in this deployment.');
      const { jwk, publicHex } = await info(keys.sm2);
      const e = Buffer.from(sm2Lib.getHash(message, publicHex, SM2_USER_ID), 'hex');
      const signature = await sign(keys.sm2, e, 'SM2DSA');
      return `${JSON.stringify({ alg: 'SM2DSA', hash: 'SM3', kid: jwk.kid, userId: SM2_USER_ID, signature: signature.toString('base64url') }, null, 2)}\n`;
    },
    async publicKeys() {
      const published = [keys.es256, ...(keys.sm2 ? [keys.sm2] : []), ...(keys.retired ?? [])];
      return Promise.all(published.map((keyId) => info(keyId).then((key) => key.jwk)));
    },
  };
};

/** The `dossierSigner` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const dossierSigner = (env: {
  readonly DOSSIER_KEY_ID?: string;
  readonly DOSSIER_SM2_KEY_ID?: string;
  readonly DOSSIER_RETIRED_KEY_IDS?: string;
}) =>
  kmsDossierSigner({
    es256: env.DOSSIER_KEY_ID ?? '',
    sm2: env.DOSSIER_SM2_KEY_ID,
    retired: env.DOSSIER_RETIRED_KEY_IDS?.split(',').filter((id) => id !== ''),
  });
