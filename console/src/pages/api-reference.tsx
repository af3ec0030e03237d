import { useEffect } from 'preact/hooks';

/** The API reference lives on a page of its own, under its own policy (console/src/api-docs.ts): go there. */
export const API_REFERENCE_PAGE = '/api-docs.html';

export const ApiReferencePage = () => {
  useEffect(() => window.location.assign(API_REFERENCE_PAGE), []);
  return (
    <p>
      正在打开<a href={API_REFERENCE_PAGE}>接口文档</a>…
    </p>
  );
};
