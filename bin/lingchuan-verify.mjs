#!/usr/bin/env node
/**
 * lingchuan-verify: checks an audit dossier (ART33) with Node alone, so that an auditor, a court
 * or the city's inspection team can verify a project's record offline, trusting nothing of ours
 * but the public keys they were given:
 *
 *   lingchuan-verify dossier.zip --jwks dossier-keys.json   (or --jwks https://…/v1/dossier-keys)
 *
 * It checks the ES256 signature of manifest.json (manifest.sig, a detached JWS), the SM2
 * signature (manifest.sm2.sig, SM2DSA over SM3, GB/T 32918) when the manifest says it was signed
 * so, every file's size, SHA-256 and SM3 digest, that no file is missing or extra, and the audit
 * chain from the first event to the head hash the manifest names. One line per check; exit 0
 * only if every check holds.
 *
 * No dependency beyond Node's own modules, on purpose: an auditor offline has no registry. SM3
 * and SM2 verification are therefore written out here (GB/T 32905, GB/T 32918); the tests check
 * them against the standards' published examples and against the sm-crypto-v2 library the server
 * side uses. The ZIP reader reads only what our builder writes (STORE or DEFLATE, no ZIP64).
 */
import { createHash, createPublicKey, getHashes, verify as verifySignature } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createInflateRaw } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// SM3 (GB/T 32905-2016), incremental.

const SM3_IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const rotl = (x, n) => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0;
const P0 = (x) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const P1 = (x) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;
const T = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));

export class Sm3 {
  #v = Uint32Array.from(SM3_IV);
  #block = new Uint8Array(64);
  #used = 0;
  #length = 0;
  #w = new Uint32Array(68);
  #w1 = new Uint32Array(64);

  /** @param {Uint8Array} bytes */
  update(bytes) {
    this.#length += bytes.length;
    let offset = 0;
    if (this.#used > 0) {
      const take = Math.min(64 - this.#used, bytes.length);
      this.#block.set(bytes.subarray(0, take), this.#used);
      this.#used += take;
      offset = take;
      if (this.#used < 64) return this;
      this.#compress(this.#block, 0);
      this.#used = 0;
    }
    for (; offset + 64 <= bytes.length; offset += 64) this.#compress(bytes, offset);
    if (offset < bytes.length) {
      this.#block.set(bytes.subarray(offset), 0);
      this.#used = bytes.length - offset;
    }
    return this;
  }

  /** @returns {Buffer} */
  digest() {
    const bits = BigInt(this.#length) * 8n;
    const padLength = (this.#used < 56 ? 56 : 120) - this.#used + 8;
    const pad = new Uint8Array(padLength);
    pad[0] = 0x80;
    new DataView(pad.buffer).setBigUint64(padLength - 8, bits);
    const length = this.#length;
    this.update(pad);
    this.#length = length;
    const out = Buffer.alloc(32);
    for (let i = 0; i < 8; i++) out.writeUInt32BE(this.#v[i], i * 4);
    return out;
  }

  #compress(bytes, offset) {
    const w = this.#w;
    const w1 = this.#w1;
    for (let j = 0; j < 16; j++) {
      const p = offset + j * 4;
      w[j] = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
    }
    for (let j = 16; j < 68; j++) {
      w[j] = (P1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0;
    }
    for (let j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0;
    let [a, b, c, d, e, f, g, h] = this.#v;
    for (let j = 0; j < 64; j++) {
      const ss1 = rotl((rotl(a, 12) + e + T[j]) >>> 0, 7);
      const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + w1[j]) >>> 0;
      const tt2 = (gg + h + ss1 + w[j]) >>> 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = P0(tt2);
    }
    const v = this.#v;
    v[0] ^= a;
    v[1] ^= b;
    v[2] ^= c;
    v[3] ^= d;
    v[4] ^= e;
    v[5] ^= f;
    v[6] ^= g;
    v[7] ^= h;
  }
}

/** @param {Uint8Array | string} input */
/**
 * An SM3 digest stream: OpenSSL's where this Node has it (Node 22, and Lambda's, do: several times
 * faster on a dossier of gigabytes), else the one above, so the verifier still needs nothing but Node.
 * @returns {{ update(bytes: Uint8Array): unknown, digest(): Buffer }}
 */
export const sm3Stream = () => (NATIVE_SM3 ? createHash('sm3') : new Sm3());
const NATIVE_SM3 = getHashes().includes('sm3');

export const sm3 = (input) => new Sm3().update(typeof input === 'string' ? Buffer.from(input, 'utf8') : input).digest();

// ---------------------------------------------------------------------------------------------
// SM2 signature verification (GB/T 32918.2-2016 § 7), over any curve y² = x³ + ax + b mod p.

/** The curve GB/T 32918.5 recommends (sm2p256v1), which AWS KMS's SM2 keys use. */
export const SM2P256V1 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** The user id of GB/T 35276 (and AWS KMS) when none is agreed: "1234567812345678". */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const mod = (x, m) => ((x % m) + m) % m;
const inverse = (x, m) => {
  let [a, b, u, v] = [mod(x, m), m, 1n, 0n];
  while (a !== 0n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [u, v] = [v - q * u, u];
  }
  if (b !== 1n) throw new Error('not invertible');
  return mod(v, m);
};

// Jacobian coordinates: one inversion per scalar multiplication instead of one per addition.
const INFINITY = [0n, 1n, 0n];
const double = (curve, [x, y, z]) => {
  const { p, a } = curve;
  if (z === 0n || y === 0n) return INFINITY;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, p), mod(2n * y * z, p)];
};
const add = (curve, P, Q) => {
  const { p } = curve;
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const [x1, y1, z1] = P;
  const [x2, y2, z2] = Q;
  const z1z1 = mod(z1 * z1, p);
  const z2z2 = mod(z2 * z2, p);
  const u1 = mod(x1 * z2z2, p);
  const u2 = mod(x2 * z1z1, p);
  const s1 = mod(y1 * z2 * z2z2, p);
  const s2 = mod(y2 * z1 * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(curve, P) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  return [x3, mod(r * (v - x3) - s1 * hhh, p), mod(h * z1 * z2, p)];
};
const multiply = (curve, k, P) => {
  let result = INFINITY;
  for (let bit = BigInt(k.toString(2).length - 1); bit >= 0n; bit--) {
    result = double(curve, result);
    if ((k >> bit) & 1n) result = add(curve, result, P);
  }
  return result;
};
const affine = (curve, [x, y, z]) => {
  if (z === 0n) return undefined;
  const zi = inverse(z, curve.p);
  const zi2 = mod(zi * zi, curve.p);
  return [mod(x * zi2, curve.p), mod(y * zi2 * zi, curve.p)];
};
const onCurve = (curve, x, y) => mod(y * y - (x * x * x + curve.a * x + curve.b), curve.p) === 0n;

const to32 = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 § 5.5). */
export const sm2Z = (curve, publicKey, userId = SM2_DEFAULT_USER_ID) => {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return sm3(
    Buffer.concat([
      entl,
      id,
      to32(curve.a),
      to32(curve.b),
      to32(curve.gx),
      to32(curve.gy),
      to32(publicKey.x),
      to32(publicKey.y),
    ]),
  );
};

/**
 * SM2DSA verification: e = SM3(Z_A ‖ M), t = r + s, (x1, y1) = [s]G + [t]P_A, valid when
 * (e + x1) mod n = r.
 * @param {{ curve?: typeof SM2P256V1, publicKey: { x: bigint, y: bigint }, message: Uint8Array, r: bigint, s: bigint, userId?: string }} input
 */
export const sm2Verify = ({ curve = SM2P256V1, publicKey, message, r, s, userId = SM2_DEFAULT_USER_ID }) => {
  const { n } = curve;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  if (!onCurve(curve, publicKey.x, publicKey.y)) return false;
  const e = BigInt(`0x${sm3(Buffer.concat([sm2Z(curve, publicKey, userId), message])).toString('hex')}`);
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const point = affine(
    curve,
    add(curve, multiply(curve, s, [curve.gx, curve.gy, 1n]), multiply(curve, t, [publicKey.x, publicKey.y, 1n])),
  );
  if (!point) return false;
  return mod(e + point[0], n) === r;
};

// ---------------------------------------------------------------------------------------------
// The archive.

const fromBase64Url = (text) => Buffer.from(text, 'base64url');

/** The central directory of a ZIP: each entry's name, method, sizes and where its data starts. */
export const readZipEntries = (file) => {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    const directory = Buffer.alloc(directorySize);
    readSync(fd, directory, 0, directorySize, directoryOffset);
    const entries = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const size = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      const local = Buffer.alloc(30);
      readSync(fd, local, 0, 30, localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`corrupt local header of ${name}`);
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      entries.push({ name, method, compressedSize, size, dataOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
};

/** An entry's bytes, streamed (STORE or DEFLATE), into `sink`. */
const streamEntry = (file, entry, sink) =>
  new Promise((resolve, reject) => {
    if (entry.method !== 0 && entry.method !== 8) {
      reject(new Error(`compression method ${entry.method} is not one a dossier uses`));
      return;
    }
    if (entry.compressedSize === 0) {
      resolve();
      return;
    }
    const raw = createReadStream(file, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1 });
    const bytes = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', reject);
    bytes.on('error', reject);
    bytes.on('data', sink);
    bytes.on('end', resolve);
  });

const digestEntry = async (file, entry, withSm3) => {
  const sha256 = createHash('sha256');
  const sm3Hash = withSm3 ? sm3Stream() : undefined;
  let size = 0;
  await streamEntry(file, entry, (chunk) => {
    size += chunk.length;
    sha256.update(chunk);
    sm3Hash?.update(chunk);
  });
  return { size, sha256: sha256.digest('hex'), sm3: sm3Hash?.digest().toString('hex') };
};

const readEntry = async (file, entry) => {
  const chunks = [];
  await streamEntry(file, entry, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
};

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
const loadJwks = async (where) => {
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

// ---------------------------------------------------------------------------------------------

const SIGNATURE_FILES = ['manifest.json', 'manifest.sig', 'manifest.sm2.sig'];

/**
 * Every check of a dossier, in order, each `{ ok, check, detail }`.
 * @param {string} file
 * @param {{ jwks?: { keys: Record<string, string>[] } }} options
 */
export const verifyDossier = async (file, { jwks } = {}) => {
  const results = [];
  const report = (check, { ok, detail }) => results.push({ ok, check, detail });
  let entries;
  try {
    entries = readZipEntries(file);
  } catch (error) {
    report('archive', { ok: false, detail: error.message });
    return results;
  }
  const byName = new Map();
  for (const entry of entries) {
    if (byName.has(entry.name)) report(`file ${entry.name}`, { ok: false, detail: 'appears twice in the archive' });
    byName.set(entry.name, entry);
  }
  const manifestEntry = byName.get('manifest.json');
  if (!manifestEntry) {
    report('manifest', { ok: false, detail: 'manifest.json is missing' });
    return results;
  }
  const manifestBytes = await readEntry(file, manifestEntry);
  const manifest = JSON.parse(manifestBytes.toString('utf8'));
  report('manifest', {
    ok: true,
    detail: `project ${manifest.projectCode}, built ${manifest.builtAt} by ${manifest.builder?.name} ${manifest.builder?.version}`,
  });

  const signatures = manifest.signatures ?? ['ES256'];
  const jws = byName.get('manifest.sig');
  if (!jwks)
    report('signature ES256', { ok: false, detail: 'no key set: pass --jwks FILE|URL (GET /v1/dossier-keys)' });
  else if (!jws) report('signature ES256', { ok: false, detail: 'manifest.sig is missing' });
  else report('signature ES256', checkEs256((await readEntry(file, jws)).toString('utf8'), manifestBytes, jwks));
  if (signatures.includes('SM2DSA')) {
    const sm2 = byName.get('manifest.sm2.sig');
    if (!jwks) report('signature SM2', { ok: false, detail: 'no key set: pass --jwks FILE|URL' });
    else if (!sm2) report('signature SM2', { ok: false, detail: 'manifest.sm2.sig is missing' });
    else report('signature SM2', checkSm2(await readEntry(file, sm2), manifestBytes, jwks));
  }

  const listed = new Set();
  for (const expected of manifest.files) {
    listed.add(expected.path);
    const entry = byName.get(expected.path);
    if (!entry) {
      report(`file ${expected.path}`, { ok: false, detail: 'missing from the archive' });
      continue;
    }
    const actual = await digestEntry(file, entry, expected.sm3 !== undefined);
    const wrong = [
      actual.size !== expected.sizeBytes && `size ${actual.size}, the manifest says ${expected.sizeBytes}`,
      actual.sha256 !== expected.sha256 && 'SHA-256 differs from the manifest',
      expected.sm3 !== undefined && actual.sm3 !== expected.sm3 && 'SM3 differs from the manifest',
    ].filter(Boolean);
    report(
      `file ${expected.path}`,
      wrong.length === 0 ? { ok: true, detail: `${actual.size} bytes` } : { ok: false, detail: wrong.join('; ') },
    );
  }
  for (const name of byName.keys()) {
    if (!listed.has(name) && !SIGNATURE_FILES.includes(name)) {
      report(`file ${name}`, { ok: false, detail: 'extra: not in the manifest' });
    }
  }

  const events = byName.get('events.jsonl');
  if (!events) report('audit chain', { ok: false, detail: 'events.jsonl is missing' });
  else report('audit chain', checkChain(await readEntry(file, events), manifest.chain));
  return results;
};

const main = async (argv) => {
  const args = [...argv];
  const at = args.indexOf('--jwks');
  const jwksSource = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [file] = args;
  if (!file || args.length !== 1 || (at >= 0 && !jwksSource)) {
    console.error('usage: lingchuan-verify dossier.zip [--jwks FILE|URL]');
    return 2;
  }
  const jwks = jwksSource ? await loadJwks(jwksSource) : undefined;
  const results = await verifyDossier(file, { jwks });
  for (const { ok, check, detail } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${check}: ${detail}`);
  const failed = results.filter((result) => !result.ok).length;
  console.log(failed === 0 ? 'dossier verified' : `dossier NOT verified: ${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
};

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`FAIL ${error.message}`);
      process.exit(1);
    },
  );
}
