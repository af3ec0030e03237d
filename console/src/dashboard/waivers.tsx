import type { Waiver } from '#shared/domain/waiver.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, loadSession } from '../auth/session.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading, Rule, Section } from '../components/ui.tsx';
import { dateTime } from '../i18n/format.ts';
import { PHASE_VALUES_ZH } from '../i18n/phases-zh.ts';
import { label } from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';

/** Who reads every waiver of the county (GET /v1/waivers). */
export const WAIVER_READERS = ['data-bureau', 'audit', 'admin'];

/** A county has few waivers (only baseline milestones entered in error): every page of them is read. */
const allWaivers = async (): Promise<Waiver[]> => {
  const items: Waiver[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Waiver> = await api.get(
      `/v1/waivers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

/** Every waiver, proposed, confirmed or withdrawn, with both officers (ART33: a waiver takes two). */
export const Waivers = () => {
  const allowed = hasRole(loadSession(), ...WAIVER_READERS);
  const waivers = useResource(() => (allowed ? allWaivers() : Promise.resolve([])), [allowed]);
  if (!allowed) return null;
  const list = waivers.data ?? [];
  const count = (status: Waiver['status']) => list.filter((w) => w.status === status).length;
  return (
    <Section title="义务豁免（两名县数据局人员确认）" id="waivers">
      {waivers.loading && !waivers.data && <Loading />}
      <ProblemList problem={waivers.error?.problem} />
      {waivers.data && (
        <>
          <ul class="stats" aria-label="义务豁免">
            <li>
              <span class="stat-label">豁免总数</span>
              <strong data-stat="waivers">{list.length}</strong>
            </li>
            <li>
              <span class="stat-label">待确认</span>
              <strong data-stat="waivers-proposed">{count('proposed')}</strong>
            </li>
            <li>
              <span class="stat-label">已确认</span>
              <strong data-stat="waivers-confirmed">{count('confirmed')}</strong>
            </li>
            <li>
              <span class="stat-label">已撤回</span>
              <strong data-stat="waivers-withdrawn">{count('withdrawn')}</strong>
            </li>
          </ul>
          {list.length === 0 ? (
            <p class="muted">无。</p>
          ) : (
            <table class="table compact">
              <caption class="sr-only">义务豁免清单</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">义务</th>
                  <th scope="col">理由</th>
                  <th scope="col">提议人</th>
                  <th scope="col">确认人</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {list.map((w) => (
                  <tr key={`${w.projectId}-${w.id}`}>
                    <td>
                      <Link href={`/projects/${w.projectId}`}>查看项目</Link>
                    </td>
                    <td>
                      <Rule code={w.code} /> {w.key}
                    </td>
                    <td>{w.reason}</td>
                    <td>
                      {w.proposedByName}（{dateTime(w.at)}）
                    </td>
                    <td>
                      {w.confirmedByName ?? '—'}
                      {w.confirmedAt && `（${dateTime(w.confirmedAt)}）`}
                      {w.conflictOfInterest && '，利益冲突'}
                    </td>
                    <td>{label(PHASE_VALUES_ZH, w.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Section>
  );
};
