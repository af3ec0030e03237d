import { useEffect, useState } from 'preact/hooks';
import type { DossierView } from '#shared/domain/dossier.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { useAction } from '../use-action.ts';
import { useResource } from '../use-resource.ts';
import { ProblemList } from './problem-list.tsx';
import { Empty, Section } from './ui.tsx';

const STATUS_ZH: Record<DossierView['status'], string> = { building: '生成中', ready: '已生成', failed: '生成失败' };

const megabytes = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(2)} MB`);

/** Who may take a dossier, as the API decides it (shared/domain/dossier.ts): shown only to them. */
const mayExport = (project: Project, session: Session) =>
  hasRole(session, 'audit', 'data-bureau') ||
  (session.claims.dept === project.ownerDeptId && hasRole(session, 'dept-head'));

/** How often a dossier being built is asked after: the build takes seconds to minutes. */
const POLL_MS = 2000;

/** A table of dossiers: when taken, by whom, their state, SHA-256 and size, and the download when ready. */
export const DossierTable = ({ dossiers, withProject }: { dossiers: readonly DossierView[]; withProject?: boolean }) =>
  dossiers.length === 0 ? (
    <Empty>尚未导出审计档案。</Empty>
  ) : (
    <table>
      <thead>
        <tr>
          {withProject && <th scope="col">项目编号</th>}
          <th scope="col">导出时间</th>
          <th scope="col">导出人</th>
          <th scope="col">状态</th>
          <th scope="col">大小</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {dossiers.map((dossier) => (
          <tr key={dossier.dossierId}>
            {withProject && <td class="code">{dossier.projectCode}</td>}
            <td>{new Date(dossier.recordedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td>
            <td>{dossier.recordedByName ?? dossier.recordedBy}</td>
            <td>{STATUS_ZH[dossier.status]}</td>
            <td>{megabytes(dossier.sizeBytes)}</td>
            <td class="code">{dossier.sha256 ? `${dossier.sha256.slice(0, 16)}…` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

/**
 * ART33 on the project page: 导出审计档案 for the Audit Bureau, the Data Bureau and the owner's
 * head, the build's progress, the download once it is ready; the dossiers taken so far.
 */
export const ProjectDossiers = ({ project, session }: { project: Project; session: Session }) => {
  const [round, setRound] = useState(0);
  const [current, setCurrent] = useState<DossierView>();
  const taken = useResource(
    () => api.get<Page<DossierView>>(`/v1/projects/${project.id}/dossiers?limit=200`),
    [project.id, round],
  );
  const action = useAction();

  useEffect(() => {
    if (current?.status !== 'building') return;
    const timer = setTimeout(async () => {
      const next = await action.run(() =>
        api.get<DossierView>(`/v1/projects/${project.id}/dossiers/${current.dossierId}`),
      );
      if (next) setCurrent(next);
      if (next && next.status !== 'building') setRound((r) => r + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [current]);

  const take = async () => {
    const started = await action.run(() =>
      api.post<{ dossierId: string }>(`/v1/projects/${project.id}/dossiers`, undefined, { idempotent: true }),
    );
    if (!started) return;
    setCurrent(await api.get<DossierView>(`/v1/projects/${project.id}/dossiers/${started.dossierId}`));
    setRound((r) => r + 1);
  };

  return (
    <Section title="审计档案" id="dossiers" busy={taken.loading}>
      <p class="muted">
        项目全部已核验材料与审计记录打包为一个签名压缩包（SHA-256、SM3 摘要，ES256 与 SM2
        签名），审计、法院或市级检查可离线核验（第三十三条）。
      </p>
      {mayExport(project, session) && (
        <p>
          <button type="button" onClick={take} disabled={action.busy || current?.status === 'building'}>
            导出审计档案
          </button>
        </p>
      )}
      {current?.status === 'building' && (
        <p aria-live="polite">
          <progress aria-label="审计档案生成进度" /> 正在生成审计档案…
        </p>
      )}
      {current?.status === 'ready' && current.download && (
        <p aria-live="polite">
          审计档案已生成（{megabytes(current.sizeBytes)}，SHA-256 <span class="code">{current.sha256}</span>）：
          <a href={current.download.url} download>
            下载审计档案
          </a>
        </p>
      )}
      {current?.status === 'failed' && <p role="alert">审计档案生成失败，请重新导出。</p>}
      {action.problem && <ProblemList problem={action.problem} />}
      <DossierTable dossiers={taken.data?.items ?? []} />
    </Section>
  );
};
