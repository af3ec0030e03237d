/** Types of the verifier's entry point (its modules in verifier/ carry their own). */
export interface CheckResult {
  ok: boolean;
  check: string;
  detail: string;
}
export declare const verifyDossier: (
  file: string,
  options?: { jwks?: { keys: Record<string, string>[] } },
) => Promise<CheckResult[]>;
