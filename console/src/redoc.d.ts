// Redoc's standalone bundle (UMD) ships no module declaration; the page reads `init` from it.
declare module 'redoc/bundles/redoc.standalone.js' {
  export const init: unknown;
  const redoc: { init?: unknown };
  export default redoc;
}
