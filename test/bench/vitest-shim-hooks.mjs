/**
 * Module resolution hook for `npm run bench`: the integration support helpers import `vitest`,
 * which refuses to load outside a test run; for them it resolves to test/bench/vitest-shim.ts.
 */
export async function resolve(specifier, context, next) {
  if (specifier === 'vitest' && context.parentURL?.includes('/test/integration/support/')) {
    return { url: new URL('./vitest-shim.ts', import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
