/**
 * What lingchuan-verify checks a dossier's contents against: the audit chain of events.jsonl,
 * recomputed as the server seals it, and the signatures of manifest.json (ES256, SM2) against the
 * public key set the auditor was given.
 */
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SM2_DEFAULT_USER_ID, sm2Verify } from './sm.mjs';

const fromBase64Url = (text) => Buffer.from(text, 'base64url');

// ---------------------------------------------------------------------------------------------
// The audit chain, as shared/domain/audit-chain.ts seals it.

const GENESIS_HASH = '0'.repeat(64);
const canonicalJson = (value) => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** Recomputes the chain of events.jsonl: the first event that does not check out, or the head. */
export const checkChain = (jsonl, expected) => {
  const lines = jsonl
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  let prevHash = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return { ok: false, detail: `line ${index + 1} is not JSON` };
    }
    const { hash, prevHash: claimed, ...rest } = event;
    const body = { ...rest, prevHash };
    const recomputed = createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
    if (event.seq !== index + 1)
      return { ok: false, detail: `event ${index + 1} has seq ${event.seq} (one missing or reordered)` };
    if (claimed !== prevHash) return { ok: false, detail: `event ${event.seq} does not link to the event before it` };
    if (hash !== recomputed)
      return { ok: false, detail: `event ${event.seq} does not hash to what it claims (altered)` };
    prevHash = hash;
  }
  if (lines.length !== expected.count) {
    return { ok: false, detail: `${lines.length} events, the manifest names ${expected.count}` };
  }
  if (prevHash !== expected.headHash)
    return { ok: false, detail: `head ${prevHash} is not the manifest's ${expected.headHash}` };
  return { ok: true, detail: `${lines.length} events, head ${prevHash}` };
};

// ---------------------------------------------------------------------------------------------
// Signatures.

/** The key set: a JWKS file, or a URL that answers one (GET /v1/dossier-keys). */
export const loadJwks = async (where) => {
  if (/^https?:\/\//.test(where)) {
    const response = await fetch(where);
    if (!response.ok) throw new Error(`${where} answered ${response.status}`);
    return response.json();
  }
  return JSON.parse(readFileSync(where, 'utf8'));
};

/** The ES256 detached JWS of manifest.json, against a key set (exported for the key rotation's test). */
export const checkEs256 = (jws, manifestBytes, jwks) => {
  const [protectedHeader, payload, signature, ...more] = jws.trim().split('.');
  if (more.length > 0 || payload !== '' || !protectedHeader || !signature) {
    return { ok: false, detail: 'manifest.sig is not a detached compact JWS' };
  }
  const header = JSON.parse(fromBase64Url(protectedHeader).toString('utf8'));
  if (header.alg !== 'ES256') return { ok: false, detail: `alg ${header.alg}, expected ES256` };
  const jwk = jwks.keys.find((key) => key.kid === header.kid && key.kty === 'EC' && key.crv === 'P-256');
  if (!jwk) return { ok: false, detail: `signed by key ${header.kid}, which is not in the key set` };
  const input = Buffer.from(`${protectedHeader}.${Buffer.from(manifestBytes).toString('base64url')}`, 'ascii');
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
  const valid = verifySignature('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, fromBase64Url(signature));
  return valid
    ? { ok: true, detail: `ES256 by ${header.kid}` }
    : { ok: false, detail: `ES256 signature by ${header.kid} does not match manifest.json` };
};

/** manifest.sm2.sig (SM2DSA over SM3) of manifest.json, against a key set. */
export const checkSm2 = (sigJson, manifestBytes, jwks) => {
  const sig = JSON.parse(sigJson.toString('utf8'));
  if (sig.alg !== 'SM2DSA') return { ok: false, detail: `alg ${sig.alg}, expected SM2DSA` };
  const jwk = jwks.keys.find((key) => key.kid === sig.kid && key.crv === 'SM2');
  if (!jwk) return { ok: false, detail: `signed by key ${sig.kid}, which is not in the key set` };
  const bytes = fromBase64Url(sig.signature);
  if (bytes.length !== 64) return { ok: false, detail: 'the SM2 signature is not r‖s (64 bytes)' };
  const valid = sm2Verify({
    publicKey: {
      x: BigInt(`0x${fromBase64Url(jwk.x).toString('hex')}`),
      y: BigInt(`0x${fromBase64Url(jwk.y).toString('hex')}`),
    },
    message: manifestBytes,
    r: BigInt(`0x${bytes.subarray(0, 32).toString('hex')}`),
    s: BigInt(`0x${bytes.subarray(32).toString('hex')}`),
    userId: sig.userId ?? SM2_DEFAULT_USER_ID,
  });
  return valid
    ? { ok: true, detail: `SM2DSA (SM3) by ${sig.kid}` }
    : { ok: false, detail: `SM2 signature by ${sig.kid} does not match manifest.json` };
};
