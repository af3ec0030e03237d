import { useEffect, useRef, useState } from 'preact/hooks';
// Redoc's standalone build is a UMD script made to run as a classic <script> (it defines
// window.Redoc); bundled as a module it would ask for a dependency named "null". So it is copied
// into the console's assets as it is (no CDN) and loaded as a script when this page opens.
import redocScript from 'redoc/bundles/redoc.standalone.js?url';

interface Redoc {
  init(specUrl: string, options: Record<string, unknown>, element: HTMLElement): void;
}

let loading: Promise<Redoc> | undefined;
const loadRedoc = () => {
  loading ??= new Promise<Redoc>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: redocScript, async: true });
    script.onload = () => {
      const redoc = (window as unknown as { Redoc?: Redoc }).Redoc;
      if (redoc) resolve(redoc);
      else reject(new Error('Redoc did not load'));
    };
    script.onerror = () => reject(new Error('Redoc did not load'));
    document.head.append(script);
  });
  return loading;
};

/** The rendered reference of /v1/openapi.json for the portal team. */
export const ApiReferencePage = () => {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadRedoc().then(
      (redoc) => {
        if (!host.current) return;
        redoc.init(
          '/v1/openapi.json',
          { expandResponses: '200,201,202', theme: { typography: { fontFamily: 'inherit' } } },
          host.current,
        );
      },
      (e: unknown) => setError(String(e)),
    );
  }, []);
  return (
    <>
      <h1>接口文档</h1>
      <p class="muted">
        OpenAPI 3.1 原文：<a href="/v1/openapi.json">/v1/openapi.json</a>
      </p>
      {error && (
        <p class="problem" role="alert">
          接口文档加载失败：{error}
        </p>
      )}
      <div ref={host} class="redoc" />
    </>
  );
};
