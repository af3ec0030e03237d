import { useEffect, useRef, useState } from 'preact/hooks';

interface RedocGlobal {
  init(
    specUrl: string,
    options: Record<string, unknown>,
    element: HTMLElement,
    callback?: (error?: unknown) => void,
  ): void;
}

/**
 * The rendered reference of /v1/openapi.json for the portal team: Redoc's standalone bundle,
 * shipped inside the console (no CDN) and loaded only when this page opens.
 */
export const ApiReferencePage = () => {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    import('redoc/bundles/redoc.standalone.js')
      .then((module: { default?: unknown; init?: unknown }) => {
        const redoc = ((typeof module.init === 'function' ? module : module.default) ??
          (window as unknown as { Redoc?: RedocGlobal }).Redoc) as RedocGlobal | undefined;
        const redocGlobal = redoc?.init ? redoc : (window as unknown as { Redoc?: RedocGlobal }).Redoc;
        if (cancelled || !host.current || !redocGlobal) return;
        redocGlobal.init(
          '/v1/openapi.json',
          {
            hideDownloadButton: false,
            expandResponses: '200,201,202',
            theme: { typography: { fontFamily: 'inherit' } },
          },
          host.current,
        );
      })
      .catch((e: unknown) => setError(String(e)));
    return () => {
      cancelled = true;
    };
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
