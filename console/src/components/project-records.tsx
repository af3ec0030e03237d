import { useState } from 'preact/hooks';
import type { Finding } from '#shared/domain/finding.schema.ts';
import { descriptionZh, isWaivable, type Obligation } from '#shared/domain/obligation.ts';
import type { ProjectEvent } from '#shared/domain/project.schema.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { dateTime } from '../i18n/format.ts';
import {
  EVENT_ACTIONS_ZH,
  FINDING_STATUS_ZH,
  FUND_STATE_ZH,
  FUNDS_ZH,
  label,
  OBLIGATION_STATUS_ZH,
  STAGES_ZH,
} from '../i18n/zh.ts';
import { useAction } from '../use-action.ts';
import { useResource } from '../use-resource.ts';
import { TextField } from './fields.tsx';
import { ProblemList } from './problem-list.tsx';
import { Empty, Loading, Rule, Section } from './ui.tsx';

/** A rule code as people read it: 第十四条 and what the rule asks, with the code beside. */

/** The audit trail, oldest first, and whether its hash chain still verifies (ART33). */
export const AuditTrail = ({ projectId, round }: { projectId: string; round: number }) => {
  const events = useResource(
    () => api.get<Page<ProjectEvent>>(`/v1/projects/${projectId}/events?limit=200`),
    [projectId, round],
  );
  const check = useResource(
    () => api.get<{ valid: boolean; count: number; headHash: string }>(`/v1/projects/${projectId}/events/verify`),
    [projectId, round],
  );
  return (
    <Section title="审计记录" id="events">
      <p class="verify" role="status">
        {check.data ? (
          check.data.valid ? (
            <span class="badge ok">哈希链校验通过：共 {check.data.count} 条记录</span>
          ) : (
            <span class="badge bad">哈希链校验失败：记录可能被篡改</span>
          )
        ) : (
          '正在校验哈希链…'
        )}
        {check.data && (
          <code class="hash" title="链头哈希">
            {check.data.headHash.slice(0, 16)}…
          </code>
        )}
      </p>
      <ProblemList problem={events.error?.problem} />
      {events.data && (
        <ol class="events">
          {events.data.items.map((e) => (
            <li key={e.seq}>
              <span class="muted">{dateTime(e.at)}</span> {e.actor.name}：{label(EVENT_ACTIONS_ZH, e.action)}
              {e.from !== e.to && e.to && (
                <span class="muted">
                  （{label(STAGES_ZH, e.from)} → {label(STAGES_ZH, e.to)}）
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
};

const waiverPath = (o: Obligation) =>
  `/v1/projects/${encodeURIComponent(o.projectId)}/obligations/${encodeURIComponent(`${o.code}.${o.key}`)}/waiver`;

/**
 * Four eyes on a waiver (only a baseline milestone entered in error may be waived): one Data
 * Bureau officer proposes with the reason, a second confirms; the proposer may withdraw.
 */
const Waiver = (props: { obligation: Obligation; session: Session; onDone: () => void }) => {
  const { obligation } = props;
  const [reason, setReason] = useState('');
  const { problem, busy, run } = useAction();
  const id = `waive-${obligation.code}-${obligation.key}`;
  const proposal = obligation.waiver?.status === 'proposed' ? obligation.waiver : null;
  const act = async (call: () => Promise<unknown>) => {
    if (await run(call)) props.onDone();
  };
  const propose = (event: Event) => {
    event.preventDefault();
    void act(() => api.post(waiverPath(obligation), { reason }, { idempotent: true }));
  };
  if (proposal) {
    const mine = proposal.proposedBy === props.session.claims.sub;
    return (
      <fieldset class="row waiver" aria-label={`豁免待确认：${obligation.code}`}>
        <p class="muted">
          {proposal.proposedByName} 提议豁免（{dateTime(proposal.at)}）：{proposal.reason}
          {mine ? '，待另一名县数据局人员确认' : ''}
        </p>
        {mine ? (
          <button type="button" disabled={busy} onClick={() => act(() => api.delete(waiverPath(obligation)))}>
            撤回豁免提议
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.post(`${waiverPath(obligation)}/confirmation`, {}, { idempotent: true }))}
          >
            确认豁免
          </button>
        )}
        <ProblemList problem={problem} />
      </fieldset>
    );
  }
  return (
    <form class="row waiver" aria-label={`提议豁免：${obligation.code}`} onSubmit={propose}>
      <TextField id={id} label="豁免理由（说明基线误录的依据）" value={reason} onValue={setReason} required />
      <button type="submit" disabled={busy || reason.trim() === ''}>
        提议豁免
      </button>
      <ProblemList problem={problem} />
    </form>
  );
};

/** Who proposed and who confirmed a waiver, as the project's duties show it. */
const WaiverNote = ({ waiver }: { waiver: NonNullable<Obligation['waiver']> }) =>
  waiver.status === 'confirmed' ? (
    <p class="muted">
      豁免理由：{waiver.reason}（{waiver.proposedByName} 提议，{waiver.confirmedByName} 确认
      {waiver.conflictOfInterest ? '；本局自身项目，已标记利益冲突' : ''}）
    </p>
  ) : waiver.status === 'withdrawn' ? (
    <p class="muted">
      豁免提议已撤回（{waiver.proposedByName}：{waiver.reason}）
    </p>
  ) : null;

/** Duties with their due dates (what the nightly sweep watches); two Data Bureau officers may waive a baseline milestone. */
export const Obligations = (props: { projectId: string; round: number; session: Session; onChanged: () => void }) => {
  const { projectId, round } = props;
  const page = useResource(
    () => api.get<Page<Obligation>>(`/v1/projects/${projectId}/obligations?limit=200`),
    [projectId, round],
  );
  const waives = hasRole(props.session, 'data-bureau');
  return (
    <Section title="义务与期限" id="obligations">
      {page.loading && <Loading />}
      <ProblemList problem={page.error?.problem} />
      {page.data && page.data.items.length === 0 && <Empty>暂无义务。</Empty>}
      {page.data && page.data.items.length > 0 && (
        <table class="table">
          <caption class="sr-only">义务与期限</caption>
          <thead>
            <tr>
              <th scope="col">依据</th>
              <th scope="col">事项</th>
              <th scope="col">期限</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((o) => (
              <tr key={`${o.code}-${o.key}`}>
                <td>
                  <Rule code={o.code} />
                </td>
                <td>
                  {descriptionZh(o)}
                  {o.waiver ? (
                    <WaiverNote waiver={o.waiver} />
                  ) : (
                    o.waiverReason && <p class="muted">豁免理由：{o.waiverReason}</p>
                  )}
                  {waives && o.status === 'open' && isWaivable(o) && (
                    <Waiver obligation={o} session={props.session} onDone={props.onChanged} />
                  )}
                </td>
                <td>
                  {o.dueDate}
                  {o.provisional && <span class="muted">（暂定）</span>}
                </td>
                <td>{label(OBLIGATION_STATUS_ZH, o.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
};

interface Funding {
  construction: string;
  operations: string;
  holds: { code: string; since: string; funds: string[] }[];
}

/** Findings of the sweep and the funds they hold (ART29, ART07). */
export const FindingsAndFunding = ({ projectId, round }: { projectId: string; round: number }) => {
  const funding = useResource(() => api.get<Funding>(`/v1/projects/${projectId}/funding`), [projectId, round]);
  const findings = useResource(
    () =>
      api.get<Page<Finding & { daysLate: number }>>(
        `/v1/findings?projectId=${encodeURIComponent(projectId)}&limit=200`,
      ),
    [projectId, round],
  );
  return (
    <Section title="问题与资金" id="findings">
      {funding.data && (
        <dl class="facts">
          <dt>建设资金</dt>
          <dd class={`fund-${funding.data.construction}`}>{label(FUND_STATE_ZH, funding.data.construction)}</dd>
          <dt>运维经费</dt>
          <dd class={`fund-${funding.data.operations}`}>{label(FUND_STATE_ZH, funding.data.operations)}</dd>
        </dl>
      )}
      {funding.data?.holds.map((h) => (
        <p key={h.code} class="hold">
          <Rule code={h.code} />：{h.funds.map((f) => label(FUNDS_ZH, f)).join('、')}暂停拨付，自 {dateTime(h.since)}
        </p>
      ))}
      {findings.error?.status === 403 ? (
        <Empty>您的角色不查看问题清单。</Empty>
      ) : (
        <ProblemList problem={findings.error?.problem} />
      )}
      {findings.data && findings.data.items.length === 0 && <Empty>暂无问题。</Empty>}
      {findings.data && findings.data.items.length > 0 && (
        <ul class="findings">
          {findings.data.items.map((f) => (
            <li key={f.id}>
              <Rule code={f.code} /> {descriptionZh(f)}（期限 {f.dueDate}
              {f.daysLate > 0 ? `，逾期 ${f.daysLate} 天` : ''}）— {label(FINDING_STATUS_ZH, f.status)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
};
