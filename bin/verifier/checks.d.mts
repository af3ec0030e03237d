/** Types of the signature checks (the key rotation's test reads them). */
/** One signature's check against a key set: `ok`, and what was found. */
export declare const checkEs256: (
  jws: string,
  manifestBytes: Uint8Array,
  jwks: { keys: readonly object[] },
) => { ok: boolean; detail: string };
export declare const checkSm2: (
  sigJson: string | Uint8Array,
  manifestBytes: Uint8Array,
  jwks: { keys: readonly object[] },
) => { ok: boolean; detail: string };
