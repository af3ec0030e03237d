/** Types of what the server side reuses from the verifier (SM3 streamed, SM2 verification for tests). */
export declare class Sm3 {
  update(bytes: Uint8Array): this;
  digest(): Buffer;
}
export declare const sm3: (input: Uint8Array | string) => Buffer;
export declare const sm3Stream: () => { update(bytes: Uint8Array): unknown; digest(): Buffer };
export interface Sm2Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}
export declare const SM2P256V1: Sm2Curve;
export declare const SM2_DEFAULT_USER_ID: string;
export declare const sm2Z: (curve: Sm2Curve, publicKey: { x: bigint; y: bigint }, userId?: string) => Buffer;
export declare const sm2Verify: (input: {
  curve?: Sm2Curve;
  publicKey: { x: bigint; y: bigint };
  message: Uint8Array;
  r: bigint;
  s: bigint;
  userId?: string;
}) => boolean;
