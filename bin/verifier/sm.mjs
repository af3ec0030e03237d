/**
 * SM3 (GB/T 32905) and SM2 signature verification (GB/T 32918), written out with Node's own
 * modules for lingchuan-verify: an auditor offline has no registry. The tests check them against
 * the standards' published examples and the sm-crypto-v2 library the server side uses.
 */
import { createHash, getHashes } from 'node:crypto';

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
