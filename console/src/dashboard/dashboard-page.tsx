import { useEffect, useRef, useState } from 'preact/hooks';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import type { Portfolio } from '#shared/domain/report.schema.ts';
import { STAGES } from '#shared/domain/stages.ts';
import { ApiError, api } from '../api/client.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading, Rule, Section } from '../components/ui.tsx';
import { dateTime, yuan } from '../i18n/format.ts';
import { articleZh } from '../i18n/numerals.ts';
import { CATEGORIES_ZH, FUNDS_ZH, label, REVIEW_KINDS_ZH, STAGES_ZH } from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useDepartmentNames } from '../use-department-names.ts';
import { useResource } from '../use-resource.ts';
import { type Bar, drawChart } from './charts.ts';
import { Waivers } from './waivers.tsx';

/** A chart with its numbers beside it, as a table a screen reader (and an auditor) can read. */
const Figure = (props: {
  id: string;
  title: string;
  kind: 'bar' | 'pie';
  bars: readonly Bar[];
  unit?: string;
  horizontal?: boolean;
  columns: [string, string];
}) => {
  const canvas = useRef<HTMLDivElement>(null);
  const { bars, kind, unit, horizontal } = props;
  useEffect(() => {
    if (!canvas.current || bars.length === 0) return;
    return drawChart(canvas.current, kind, bars, { ...(unit ? { unit } : {}), ...(horizontal ? { horizontal } : {}) });
  }, [bars, kind, unit, horizontal]);
  return (
    <Section title={props.title} id={props.id}>
      {bars.length === 0 ? (
        <p class="muted">暂无数据。</p>
      ) : (
        <div class="figure">
          <div ref={canvas} class="chart" role="img" aria-label={`${props.title}图表，数据见右表`} />
          <table class="table compact" data-figure={props.id}>
            <caption class="sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.columns[0]}</th>
                <th scope="col" class="num">
                  {props.columns[1]}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.name}>
                  <th scope="row">{b.name}</th>
                  <td class="num">{b.display ?? b.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
};

/** 万元 with two decimals: what a chart slice is sized by (the table beside it gives exact yuan). */
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

const THIS_YEAR = Number(shanghaiDate(new Date()).slice(0, 4));
/** Plans run a few years ahead: every year from the measures' first (2024) to eight years out. */
const YEARS = Array.from({ length: THIS_YEAR + 8 - 2024 + 1 }, (_, i) => THIS_YEAR + 8 - i);

/** The county dashboard (GET /v1/reports/portfolio) and the register's exports. */
export const DashboardPage = () => {
  const [year, setYear] = useState(THIS_YEAR);
  const [exported, setExported] = useState<string>();
  const [exportError, setExportError] = useState<ApiError>();
  const report = useResource(() => api.get<Portfolio>(`/v1/reports/portfolio?year=${year}`), [year]);
  const deptName = useDepartmentNames();
  const exportAs = async (extension: 'xlsx' | 'csv') => {
    setExportError(undefined);
    try {
      setExported(await api.download(`/v1/reports/projects.${extension}?year=${year}`));
    } catch (e) {
      if (e instanceof ApiError) setExportError(e);
    }
  };
  const r = report.data;
  const stageOrder = (stage: string) => {
    const i = (STAGES as readonly string[]).indexOf(stage);
    return i === -1 ? STAGES.length : i;
  };

  return (
    <>
      <div class="heading">
        <h1>全县政务数据项目看板</h1>
        <div class="toolbar">
          <label class="inline">
            年度
            <select value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {YEARS.map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void exportAs('xlsx')}>
            导出 Excel
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            导出 CSV
          </button>
        </div>
      </div>
      {exported && (
        <p class="ok-message" role="status">
          已导出：{exported}
        </p>
      )}
      <ProblemList problem={exportError?.problem ?? report.error?.problem} />
      {report.loading && !r && <Loading />}
      {r && (
        <>
          <ul class="stats" aria-label={`${r.year} 年概况`} aria-busy={report.loading}>
            <li>
              <span class="stat-label">项目总数</span>
              <strong data-stat="projects">{r.projects}</strong>
            </li>
            <li>
              <span class="stat-label">申报总投资（元）</span>
              <strong data-stat="declared">{yuan(r.declaredFen)}</strong>
            </li>
            <li>
              <span class="stat-label">已批复投资（元）</span>
              <strong data-stat="approved">{yuan(r.approvedInvestment.reduce((s, x) => s + x.approvedFen, 0))}</strong>
            </li>
            <li>
              <span class="stat-label">未整改问题</span>
              <strong data-stat="findings">{r.openFindings.reduce((s, f) => s + f.findings, 0)}</strong>
            </li>
            <li>
              <span class="stat-label">资金暂停项目</span>
              <strong data-stat="holds">{r.fundingHolds.projects}</strong>
            </li>
            <li>
              <span class="stat-label">逾期审查</span>
              <strong data-stat="overdue">{r.overdueReviews.count}</strong>
            </li>
          </ul>
          <p class="muted">统计截至 {r.asOf}（北京时间）。</p>
          <div class="grid">
            <Figure
              id="by-stage"
              title="按阶段"
              kind="bar"
              columns={['阶段', '项目数']}
              bars={[...r.byStage]
                .sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage))
                .map((s) => ({ name: label(STAGES_ZH, s.stage), value: s.projects }))}
            />
            <Figure
              id="by-department"
              title="按建设单位"
              kind="bar"
              horizontal
              columns={['建设单位', '项目数']}
              bars={r.byDepartment.slice(0, 15).map((d) => ({ name: deptName(d.deptId), value: d.projects }))}
            />
            <Figure
              id="investment"
              title={`${r.year} 年已批复投资（按类别）`}
              kind="pie"
              unit=" 万元"
              columns={['类别', '已批复投资（元）']}
              bars={r.approvedInvestment.map((x) => ({
                name: label(CATEGORIES_ZH, x.category),
                value: wan(x.approvedFen),
                display: yuan(x.approvedFen),
              }))}
            />
            <Figure
              id="findings"
              title="未整改问题（按规则）"
              kind="bar"
              horizontal
              columns={['规则', '问题数']}
              bars={r.openFindings.map((f) => ({
                name: f.article ? `${articleZh(f.article)} ${f.code}` : f.code,
                value: f.findings,
              }))}
            />
          </div>
          <Section title="资金暂停拨付" id="holds">
            {r.fundingHolds.items.length === 0 ? (
              <p class="muted">无。</p>
            ) : (
              <ul>
                {r.fundingHolds.items.map((h) => (
                  <li key={`${h.projectId}-${h.code}`}>
                    <Link href={`/projects/${h.projectId}`}>{h.projectCode}</Link> <Rule code={h.code} />：
                    {h.funds.map((f) => label(FUNDS_ZH, f)).join('、')}，自 {dateTime(h.since)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="逾期审查" id="overdue">
            {r.overdueReviews.items.length === 0 ? (
              <p class="muted">无。</p>
            ) : (
              <ul>
                {r.overdueReviews.items.map((t) => (
                  <li key={t.taskId}>
                    <Link href={`/projects/${t.projectId}`}>{t.projectCode}</Link> {label(REVIEW_KINDS_ZH, t.kind)}
                    ：期限 {t.dueDate}，已逾期 {t.daysOverdue} 天
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
      <Waivers />
    </>
  );
};
