import type { DossierView } from '#shared/domain/dossier.ts';
import { api, type Page } from '../api/client.ts';
import { DossierTable } from '../components/dossiers.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading } from '../components/ui.tsx';
import { useResource } from '../use-resource.ts';

/** The Audit Bureau's view (ART33): every dossier taken in the county, by whom and when. */
export const DossiersPage = () => {
  const dossiers = useResource(() => api.get<Page<DossierView>>('/v1/dossiers?limit=200'), []);
  if (dossiers.error) return <ProblemList problem={dossiers.error.problem} />;
  if (!dossiers.data) return <Loading />;
  return (
    <>
      <h1>审计档案</h1>
      <p class="muted">全县已导出的项目审计档案。下载与核验请在项目页进行；核验方法见 README“审计档案”。</p>
      <DossierTable dossiers={dossiers.data.items} withProject />
    </>
  );
};
