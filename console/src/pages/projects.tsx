import { useState } from 'preact/hooks';
import type { Project } from '#shared/domain/project.schema.ts';
import { STAGES } from '#shared/domain/stages.ts';
import { api, type Page, query } from '../api/client.ts';
import { isDepartmentUser, type Session } from '../auth/session.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Empty, Loading, StageBadge } from '../components/ui.tsx';
import { dateTime, yuan } from '../i18n/format.ts';
import { label, STAGES_ZH } from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useDepartmentNames } from '../use-department-names.ts';
import { useResource } from '../use-resource.ts';

/** The projects the caller may see (the API decides), newest first, a page at a time. */
export const ProjectsPage = ({ session }: { session: Session }) => {
  const [stage, setStage] = useState('');
  const [pages, setPages] = useState<Project[][]>([]);
  const deptName = useDepartmentNames();
  const first = useResource(async () => {
    const page = await api.get<Page<Project>>(`/v1/projects${query({ stage, limit: 50 })}`);
    setPages([page.items]);
    return page;
  }, [stage]);
  const [cursor, setCursor] = useState<string | null>(null);
  const next = cursor ?? first.data?.nextCursor ?? null;
  const more = async () => {
    if (!next) return;
    const page = await api.get<Page<Project>>(`/v1/projects${query({ stage, limit: 50, cursor: next })}`);
    setPages((current) => [...current, page.items]);
    setCursor(page.nextCursor);
  };
  const projects = pages.flat();

  return (
    <>
      <div class="heading">
        <h1>项目</h1>
        {isDepartmentUser(session) && (
          <Link class="button primary" href="/projects/new">
            申报新项目
          </Link>
        )}
      </div>
      <label class="inline">
        按阶段筛选
        <select value={stage} onChange={(e) => setStage(e.currentTarget.value)}>
          <option value="">全部阶段</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {label(STAGES_ZH, s)}
            </option>
          ))}
        </select>
      </label>
      <ProblemList problem={first.error?.problem} />
      {first.loading && <Loading />}
      {!first.loading && projects.length === 0 && <Empty>暂无项目。</Empty>}
      {projects.length > 0 && (
        <table class="table">
          <caption class="sr-only">项目列表</caption>
          <thead>
            <tr>
              <th scope="col">项目编号</th>
              <th scope="col">项目名称</th>
              <th scope="col">建设单位</th>
              <th scope="col">年度</th>
              <th scope="col">阶段</th>
              <th scope="col" class="num">
                申报总投资（元）
              </th>
              <th scope="col">更新时间</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/projects/${p.id}`}>{p.code}</Link>
                </td>
                <td>{p.name}</td>
                <td>{deptName(p.ownerDeptId)}</td>
                <td>{p.year}</td>
                <td>
                  <StageBadge stage={p.stage} />
                </td>
                <td class="num">{yuan(p.totalInvestmentFen)}</td>
                <td>{dateTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void more()}>
          加载更多
        </button>
      )}
    </>
  );
};
