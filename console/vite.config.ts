import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is a static site: `console/dist` is what the local gateway serves at / and what the
 * stack deploys to its private bucket. ECharts (dashboard) and Redoc (API reference) are dynamic
 * imports, so they are chunks of their own and never part of the initial JavaScript.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Our own files only: `.local/` and `cdk.out/` at the top are none of the console's business.
  envDir: false,
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Redoc's standalone bundle is ~1 MB on its own; it loads only on the API reference page.
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
    rollupOptions: {
      // Two pages: the console, and the API reference on its own (its own CSP, infra/constructs/console-csp.ts).
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        'api-docs': fileURLToPath(new URL('api-docs.html', import.meta.url)),
      },
      // zod's sources carry /* @__PURE__ */ notes where Rollup cannot use them; it says so for each.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
