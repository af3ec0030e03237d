import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { sm2 } from 'sm-crypto-v2';

export interface LocalKey {
  readonly id: string;
  readonly keySpec: 'ECC_NIST_P256' | 'SM2';
}

interface StoredKey {
  readonly keySpec: LocalKey['keySpec'];
  /** The private scalar, hex: it never leaves this file, as a KMS key never leaves KMS. */
  readonly secret: string;
  /** 04 ‖ X ‖ Y, hex. */
  readonly point: string;
}

/** SubjectPublicKeyInfo before the point: id-ecPublicKey with the curve's OID (prime256v1; sm2p256v1). */
const SPKI_PREFIX = {
  ECC_NIST_P256: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  SM2: '3059301306072a8648ce3d020106082a811ccf5501822d034200',
} as const;

const SIGNING_ALGORITHM = { ECC_NIST_P256: 'ECDSA_SHA_256', SM2: 'SM2DSA' } as const;

const newKey = (keySpec: LocalKey['keySpec']): StoredKey => {
  if (keySpec === 'SM2') {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    return { keySpec, secret: privateKey, point: publicKey };
  }
  const secret = p256.utils.randomSecretKey();
  return {
    keySpec,
    secret: Buffer.from(secret).toString('hex'),
    point: Buffer.from(p256.getPublicKey(secret, false)).toString('hex'),
  };
};

/**
 * Keys retired by a rotation: a key file moved from `<dataDir>/kms/` into `<dataDir>/kms/retired/`
 * (any name) leaves its place to a new key on the next start, and is still served by its file's
 * name, for GetPublicKey only, so the dossiers it signed stay verifiable (the runtime lists these
 * ids in the JWKS, as a stack lists its previous keys' ARNs: infra/constructs/dossiers.ts).
 */
export const retiredLocalKeyIds = (dataDir: string): string[] => {
  const dir = path.join(dataDir, 'kms', 'retired');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
};

/**
 * The template's KMS signing keys on one machine, behind the KMS JSON protocol (GetPublicKey,
 * Sign) so that the functions use the real @aws-sdk/client-kms and their DER-to-JWS conversion is
 * what runs in AWS. Each key is made on first start and kept under `<dataDir>/kms/`, so dossiers
 * signed before a restart still verify. Signatures come back DER-encoded, as KMS returns them;
 * SM2DSA in DIGEST mode signs the e = SM3(Z_A ‖ M) its caller computed, as KMS does.
 */
export const startKmsLocal = async (dataDir: string, keys: readonly LocalKey[], port: number) => {
  const dir = path.join(dataDir, 'kms');
  mkdirSync(dir, { recursive: true });
  const stored = new Map<string, StoredKey>();
  for (const key of keys) {
    const file = path.join(dir, `${key.id}.json`);
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(newKey(key.keySpec)), { mode: 0o600 });
    stored.set(key.id, JSON.parse(readFileSync(file, 'utf8')) as StoredKey);
  }
  const retired = new Set(retiredLocalKeyIds(dataDir));
  for (const id of retired) {
    stored.set(id, JSON.parse(readFileSync(path.join(dir, 'retired', `${id}.json`), 'utf8')) as StoredKey);
  }

  const sign = (key: StoredKey, message: Buffer, digest: boolean): Buffer => {
    if (key.keySpec === 'SM2') {
      const der = sm2.doSignature(
        message,
        key.secret,
        digest ? { der: true, hash: false } : { der: true, hash: true, publicKey: key.point },
      );
      return Buffer.from(der, 'hex');
    }
    return Buffer.from(p256.sign(message, Buffer.from(key.secret, 'hex'), { prehash: !digest, format: 'der' }));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      const fail = (type: string, message: string) => reply(400, { __type: type, message });
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
      const keyId = String(input.KeyId ?? '');
      const key = stored.get(keyId);
      if (!key) return fail('NotFoundException', `Key '${keyId}' does not exist`);
      switch (action) {
        case 'GetPublicKey':
          return reply(200, {
            KeyId: keyId,
            KeySpec: key.keySpec,
            KeyUsage: 'SIGN_VERIFY',
            SigningAlgorithms: [SIGNING_ALGORITHM[key.keySpec]],
            PublicKey: Buffer.from(`${SPKI_PREFIX[key.keySpec]}${key.point}`, 'hex').toString('base64'),
          });
        case 'Sign': {
          // A retired key is disabled for signing, as an operator disables a rotated KMS key.
          if (retired.has(keyId)) return fail('DisabledException', `Key '${keyId}' is retired`);
          if (input.SigningAlgorithm !== SIGNING_ALGORITHM[key.keySpec]) {
            return fail('InvalidKeyUsageException', `${input.SigningAlgorithm} is not an algorithm of this key`);
          }
          const message = Buffer.from(String(input.Message ?? ''), 'base64');
          const digest = input.MessageType === 'DIGEST';
          if (digest && message.length !== 32) return fail('ValidationException', 'A digest is 32 bytes');
          if (!digest && message.length > 4096)
            return fail('ValidationException', 'A RAW message is at most 4096 bytes');
          return reply(200, {
            KeyId: keyId,
            SigningAlgorithm: input.SigningAlgorithm,
            Signature: sign(key, message, digest).toString('base64'),
          });
        }
        default:
          return fail('UnsupportedOperationException', `${action} is not emulated locally`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { server, endpoint: `http://127.0.0.1:${port}` };
};
