import { useState } from 'preact/hooks';
import type { PublicProject } from '#shared/domain/public-register.ts';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError } from '../api/client.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Empty, Loading, StageBadge } from '../components/ui.tsx';
import { yuan } from '../i18n/format.ts';
import { CATEGORIES_ZH, label } from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';

/** The first year the county's register holds (the project schema's first year). */
const FIRST_YEAR = 2024;

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

interface PublicPage {
  readonly items: PublicProject[];
  readonly nextCursor: string | null;
}

/**
 * The register is read without the session's token, even by someone signed in: the public's
 * answer is the same for everyone, and the edge caches it once for all (API.md § Public register).
 */
const readYear = async (year: number): Promise<PublicProject[]> => {
  const items: PublicProject[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `year=${year}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(`/public/v1/projects?${query}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new ApiError(response.status, (await response.json()) as Problem);
    const page = (await response.json()) as PublicPage;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

const PublicProjectCard = ({ project }: { project: PublicProject }) => (
  <li class="card public-project" data-code={project.code}>
    <h2>
      {project.name} <span class="code">{project.code}</span>
    </h2>
    <dl class="facts">
      <dt>建设单位</dt>
      <dd>{project.departmentName}</dd>
      <dt>类别</dt>
      <dd>{label(CATEGORIES_ZH, project.category)}</dd>
      <dt>阶段</dt>
      <dd>
        <StageBadge stage={project.stage} />
      </dd>
      <dt>批复金额</dt>
      <dd>{yuan(project.approvedBudgetFen)} 元</dd>
      <dt>立项日期</dt>
      <dd>{project.approvedOn}</dd>
      <dt>验收日期</dt>
      <dd>{project.acceptedOn ?? '—'}</dd>
      {project.notices.length > 0 && (
        <>
          <dt>采购公告</dt>
          <dd>
            <ul class="plain">
              {project.notices.map((notice) => (
                <li key={`${notice.publishedOn}-${notice.url}`}>
                  {notice.publishedOn}{' '}
                  {notice.url ? (
                    <a href={notice.url} rel="noopener noreferrer" target="_blank">
                      查看公告
                    </a>
                  ) : (
                    '（未登记网址）'
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  </li>
);

/**
 * 公开项目: the county's approved projects of a year (政务公开), for anyone, signed in or not, on a
 * phone as on a desk. Nothing here reads the session.
 */
export const PublicRegisterPage = () => {
  const [year, setYear] = useState(thisYear);
  const register = useResource(() => readYear(year), [year]);
  const years = Array.from({ length: thisYear() + 1 - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i).reverse();
  return (
    <>
      <div class="heading">
        <h1>公开项目</h1>
        <label>
          批复年度{' '}
          <select value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y} 年
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted">
        陵川县已批复立项的政务数据项目（政府信息公开），含采购公告。订阅：
        <a href={`/public/v1/projects.atom?year=${year}`}>Atom</a>
      </p>
      {register.error && <ProblemList problem={register.error.problem} />}
      {!register.data && !register.error && <Loading />}
      {register.data &&
        (register.data.length === 0 ? (
          <Empty>{year} 年尚无批复项目。</Empty>
        ) : (
          <ul class="plain public-register" aria-label={`${year} 年公开项目`}>
            {register.data.map((project) => (
              <PublicProjectCard key={project.code} project={project} />
            ))}
          </ul>
        ))}
    </>
  );
};

/** The page as the public reaches it, without signing in: the county's name, the register, the way in. */
export const PublicRegisterShell = () => (
  <>
    <header class="top">
      <div class="brand">
        <span class="emblem" aria-hidden="true">
          陵
        </span>
        <span>陵川县政务数据项目管理平台</span>
      </div>
      <nav aria-label="主导航">
        <ul class="nav">
          <li>
            <Link href="/">工作人员登录</Link>
          </li>
        </ul>
      </nav>
    </header>
    <main id="main" tabIndex={-1}>
      <PublicRegisterPage />
    </main>
  </>
);
