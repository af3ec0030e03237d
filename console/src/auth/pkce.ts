/** RFC 7636 with Web Crypto: a random verifier and its S256 challenge, both base64url without padding. */
export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export const randomVerifier = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export const challengeOf = async (verifier: string) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
