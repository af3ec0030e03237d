import '@fontsource/noto-sans-sc/400.css';
import './styles.css';
// Redoc's standalone build is a UMD script made to run as a classic <script> (it defines
// window.Redoc); bundled as a module it would ask for a dependency named "null". So it is copied
// into the console's assets as it is (no CDN) and loaded as a script here.
import redocScript from 'redoc/bundles/redoc.standalone.js?url';

/**
 * The API reference, a page of its own (/api-docs.html): Redoc compiles the schemas it renders
 * with `new Function`, so this page is served under a policy with 'unsafe-eval'
 * (infra/constructs/console-csp.ts) and the console, which holds the session, under one without.
 * It reads only /v1/openapi.json and holds no token.
 */
interface Redoc {
  init(specUrl: string, options: Record<string, unknown>, element: HTMLElement): void;
}

const host = document.querySelector<HTMLElement>('.redoc');
const alert = document.querySelector<HTMLElement>('[role="alert"]');
const fail = (error: unknown) => {
  if (!alert) return;
  alert.hidden = false;
  alert.textContent = `接口文档加载失败：${String(error)}`;
};

const script = Object.assign(document.createElement('script'), { src: redocScript, async: true });
script.onload = () => {
  const redoc = (window as unknown as { Redoc?: Redoc }).Redoc;
  if (!redoc || !host) return fail('Redoc did not load');
  redoc.init(
    '/v1/openapi.json',
    { expandResponses: '200,201,202', theme: { typography: { fontFamily: 'inherit' } } },
    host,
  );
};
script.onerror = () => fail('Redoc did not load');
document.head.append(script);
