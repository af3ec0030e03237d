import type { ComponentChildren } from 'preact';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { api } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading, Section } from '../components/ui.tsx';
import { dateTime, yuan } from '../i18n/format.ts';
import { fieldZh, PHASE_VALUES_ZH, RECORD_KINDS_ZH } from '../i18n/phases-zh.ts';
import { label } from '../i18n/zh.ts';
import { useAction } from '../use-action.ts';
import type { Resource } from '../use-resource.ts';
import type { PhaseRecordsRead } from './catalogue.ts';

/** Fields every record has that say nothing to a reader. */
const HIDDEN = new Set(['id', 'projectId']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value of a record as a person reads it: yuan, a document's file name, 是/否, a value's Chinese name. */
const Value = (props: { name: string; value: unknown; files: ReadonlyMap<string, string> }): ComponentChildren => {
  const { name, value, files } = props;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return name.endsWith('Fen') ? `${yuan(value)} 元` : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') {
    if (name === 'documentId' || name.endsWith('DocumentId')) return files.get(value) ?? value;
    return ISO_TIME.test(value) ? dateTime(value) : label(PHASE_VALUES_ZH, value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return value.map((v) => (typeof v === 'string' ? label(PHASE_VALUES_ZH, v) : String(v))).join('、');
    return (
      <ol class="record-list">
        {value.map((item, i) => (
          <li key={i}>
            <Value name={name} value={item} files={files} />
          </li>
        ))}
      </ol>
    );
  }
  return <Fields record={value as Record<string, unknown>} files={files} />;
};

/** Who filed or confirmed a record is shown by the name the record kept (the subject stays on the audit trail). */
const readable = ({ recordedByName, confirmedByName, ...record }: Record<string, unknown>) => ({
  ...record,
  ...(typeof recordedByName === 'string' ? { recordedBy: recordedByName } : {}),
  ...(typeof confirmedByName === 'string' ? { confirmedBy: confirmedByName } : {}),
});

const Fields = ({ record, files }: { record: Record<string, unknown>; files: ReadonlyMap<string, string> }) => (
  <dl class="record">
    {Object.entries(readable(record))
      .filter(([name]) => !HIDDEN.has(name))
      .map(([name, value]) => (
        <div key={name}>
          <dt>{fieldZh(name)}</dt>
          <dd>
            <Value name={name} value={value} files={files} />
          </dd>
        </div>
      ))}
  </dl>
);

/** The Public Security Bureau confirms an MLPS filing (ART24): only a confirmed filing counts. */
const ConfirmFiling = (props: { project: Project; record: Record<string, unknown>; onDone: () => void }) => {
  const { problem, busy, run } = useAction();
  const confirm = async () => {
    const { project, record } = props;
    const path = `/v1/projects/${encodeURIComponent(project.id)}/security-records/${encodeURIComponent(String(record.id))}`;
    if (await run(() => api.post(`${path}/confirmation`, {}))) props.onDone();
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void confirm()}>
        确认等级保护备案
      </button>
      <ProblemList problem={problem} />
    </>
  );
};

/**
 * Every phase record of the project (GET /v1/projects/{id}/records), kind by kind, each record's
 * fields drawn from what the API returns: a record kind that lands later shows without an edit.
 */
export const PhaseRecords = (props: {
  project: Project;
  records: Resource<PhaseRecordsRead>;
  documents: readonly ProjectDocument[];
  session: Session;
  onChanged: () => void;
}) => {
  const { project, session, records } = props;
  const files = new Map(props.documents.map((d) => [d.id, d.fileName]));
  const kinds = Object.entries(records.data ?? {}).filter(([, items]) => items.length > 0);
  const confirms = hasRole(session, 'public-security');
  return (
    <Section title="全过程记录" id="records">
      {records.loading && !records.data && <Loading />}
      <ProblemList problem={records.error?.problem} />
      {records.data && kinds.length === 0 && <p class="muted">尚无采购、建设、验收或运维记录。</p>}
      {kinds.map(([kind, items]) => (
        <section key={kind} class="record-kind" aria-label={label(RECORD_KINDS_ZH, kind)}>
          <h3>
            {label(RECORD_KINDS_ZH, kind)}
            <span class="muted">（{items.length}）</span>
          </h3>
          {items.map((record) => (
            <div class="record-item" key={String(record.id)}>
              <Fields record={record} files={files} />
              {confirms && kind === 'security-record' && record.kind === 'mlps-filing' && !record.confirmedAt && (
                <ConfirmFiling project={project} record={record} onDone={props.onChanged} />
              )}
            </div>
          ))}
        </section>
      ))}
    </Section>
  );
};
