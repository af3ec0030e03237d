import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeOf, randomVerifier } from '../../console/src/auth/pkce.ts';
import { sha256Hex } from '../../console/src/upload/sha256.ts';

describe('PKCE with Web Crypto', () => {
  it("derives the S256 challenge (base64url SHA-256, no padding) exactly as Node's own crypto does", async () => {
    for (const verifier of [randomVerifier(), randomVerifier(), 'dBjftJeZ4CVP-mB92K9uhvUJw8-KQmVcoNAk0LALKjY']) {
      const challenge = await challengeOf(verifier);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const a = randomVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomVerifier()).not.toBe(a);
  });
});

describe('SHA-256 of a file in the browser', () => {
  const bytes = randomBytes(9 * 1024 * 1024 + 123);
  const expected = createHash('sha256').update(bytes).digest('hex');

  it('digests a small file whole with Web Crypto', async () => {
    expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
  });

  it('streams a large file a slice at a time and reports progress, with the same digest', async () => {
    const progress: number[] = [];
    const digest = await sha256Hex(new Blob([bytes]), (done) => progress.push(done), 1024);
    expect(digest).toBe(expected);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(bytes.length);
  });
});
