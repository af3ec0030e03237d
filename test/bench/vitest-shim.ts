/**
 * What the integration support helpers (test/integration/support/) take from vitest, for the bench,
 * which drives the local runtime with the same helpers outside a test run: `expect(...).toBe` is the
 * only matcher they use, and the bench names its runtime with `useRuntime` instead of `inject`.
 */
export const expect = (actual: unknown, message?: string) => ({
  toBe(expected: unknown) {
    if (!Object.is(actual, expected)) {
      throw new Error(`${message ? `${message}: ` : ''}expected ${String(expected)}, got ${String(actual)}`);
    }
  },
});

export const inject = (): never => {
  throw new Error('The bench names its runtime with useRuntime(); there is no vitest context to inject from.');
};
