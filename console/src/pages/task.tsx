import { useState } from 'preact/hooks';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { DecisionInputSchema } from '#shared/domain/review.ts';
import { REVIEWS } from '#shared/domain/review-catalogue.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { DocumentUpload } from '../components/document-upload.tsx';
import { DocumentsTable } from '../components/documents-table.tsx';
import { TextField } from '../components/fields.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading, Section, StageBadge } from '../components/ui.tsx';
import { fieldErrors } from '../components/zod-issues.ts';
import { dateTime, parseYuan, yuan } from '../i18n/format.ts';
import {
  CHECKLIST_ITEMS_ZH,
  DECISIONS_ZH,
  DOCUMENT_KINDS_ZH,
  label,
  REVIEW_KINDS_ZH,
  TASK_STATUS_ZH,
} from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useAction } from '../use-action.ts';
import { useResource } from '../use-resource.ts';
import { DueDate, type TaskView } from './tasks.tsx';

type Answer = { ok: boolean; note: string };

/**
 * The decision form, built from the task: one row per item it names (`checklistItems`), so a
 * review kind that gains an item gains a row without an edit here. No items, no rows.
 */
const DecisionForm = (props: {
  task: TaskView;
  documents: readonly ProjectDocument[];
  onDecided: (t: TaskView) => void;
}) => {
  const { task } = props;
  const items = task.checklistItems ?? [];
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(items.map((item) => [item, { ok: true, note: '' }])),
  );
  const [decision, setDecision] = useState<string>('approve');
  const [opinion, setOpinion] = useState('');
  const [budget, setBudget] = useState('');
  const opinionKind = REVIEWS[task.kind].opinion;
  const opinions = props.documents.filter((d) => d.status === 'verified' && d.kind === opinionKind);
  const [opinionDocumentId, setOpinionDocumentId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { problem, busy, run } = useAction();
  const chosenDocument = opinionDocumentId || opinions[opinions.length - 1]?.id || '';

  const submit = async (event: Event) => {
    event.preventDefault();
    const approvedBudgetFen = budget.trim() ? parseYuan(budget) : undefined;
    const body = {
      decision,
      opinion: opinion.trim(),
      checklist: Object.fromEntries(
        items.map((item) => {
          const a = answers[item] ?? { ok: true, note: '' };
          return [item, a.note.trim() ? { ok: a.ok, note: a.note.trim() } : { ok: a.ok }];
        }),
      ),
      ...(chosenDocument ? { opinionDocumentId: chosenDocument } : {}),
      ...(approvedBudgetFen !== undefined && approvedBudgetFen !== null ? { approvedBudgetFen } : {}),
    };
    const parsed = DecisionInputSchema.safeParse(body);
    const found = { ...(parsed.success ? {} : fieldErrors(parsed.error)) };
    if (approvedBudgetFen === null) found.approvedBudgetFen = '请输入金额（元），最多两位小数';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const decided = await run(() => api.post<TaskView>(`/v1/tasks/${encodeURIComponent(task.id)}/decision`, body));
    if (decided) props.onDecided(decided);
  };

  return (
    <form class="card form" onSubmit={submit} aria-label="审查决定">
      <h2>审查决定</h2>
      {items.length > 0 && (
        <fieldset>
          <legend>审查要点</legend>
          {items.map((item) => {
            const a = answers[item] ?? { ok: true, note: '' };
            const set = (next: Partial<Answer>) => setAnswers((all) => ({ ...all, [item]: { ...a, ...next } }));
            return (
              <fieldset key={item} class="checklist-item">
                <legend>{label(CHECKLIST_ITEMS_ZH, item)}</legend>
                <label>
                  <input type="radio" name={`item-${item}`} checked={a.ok} onChange={() => set({ ok: true })} />
                  符合
                </label>
                <label>
                  <input type="radio" name={`item-${item}`} checked={!a.ok} onChange={() => set({ ok: false })} />
                  不符合
                </label>
                <label class="note">
                  说明
                  <input value={a.note} onInput={(e) => set({ note: e.currentTarget.value })} />
                </label>
              </fieldset>
            );
          })}
        </fieldset>
      )}
      <fieldset>
        <legend>决定</legend>
        {REVIEWS[task.kind].decisions.map((d) => (
          <label key={d} class="radio">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {label(DECISIONS_ZH, d)}
          </label>
        ))}
      </fieldset>
      <TextField
        id="opinion"
        label="审查意见"
        multiline
        required
        value={opinion}
        onValue={setOpinion}
        error={errors.opinion}
      />
      {/* A confirmation (ART15 emergency, ART29 filing, ART07 O&M report) is decided with its opinion text alone. */}
      {opinionKind && (
        <div class="field">
          <label for="opinionDocumentId">意见文书（{label(DOCUMENT_KINDS_ZH, opinionKind)}，同意时必附）</label>
          <select
            id="opinionDocumentId"
            value={chosenDocument}
            onChange={(e) => setOpinionDocumentId(e.currentTarget.value)}
          >
            <option value="">（不附）</option>
            {opinions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.fileName}
              </option>
            ))}
          </select>
        </div>
      )}
      {REVIEWS[task.kind].statesBudget && (
        <TextField
          id="approvedBudgetFen"
          label="批复预算（元）"
          inputMode="decimal"
          value={budget}
          onValue={setBudget}
          error={errors.approvedBudgetFen}
          hint="同意时填写，不超过申报总投资（第十四条）"
        />
      )}
      <ProblemList problem={problem} />
      <button type="submit" class="primary" disabled={busy}>
        提交决定
      </button>
    </form>
  );
};

/** One review task: the project, its documents, the opinion upload and the decision. */
export const TaskPage = ({ id, session }: { id: string; session: Session }) => {
  const [round, setRound] = useState(0);
  const task = useResource(() => api.get<TaskView>(`/v1/tasks/${encodeURIComponent(id)}`), [id, round]);
  const projectId = task.data?.projectId;
  const project = useResource(
    () => (projectId ? api.get<Project>(`/v1/projects/${projectId}`) : Promise.resolve(undefined)),
    [projectId],
  );
  const documents = useResource(
    () =>
      projectId
        ? api.get<Page<ProjectDocument>>(`/v1/projects/${projectId}/documents?limit=200`)
        : Promise.resolve(undefined),
    [projectId, round],
  );
  if (task.error) return <ProblemList problem={task.error.problem} />;
  if (!task.data) return <Loading />;
  const t = task.data;
  const p = project.data;
  const opinionKind = REVIEWS[t.kind].opinion;
  const mine = hasRole(session, t.role);

  return (
    <>
      <h1>
        {label(REVIEW_KINDS_ZH, t.kind)}：{p ? `${p.code} ${p.name}` : t.projectId}
      </h1>
      <dl class="facts">
        <dt>状态</dt>
        <dd class="task-status">{label(TASK_STATUS_ZH, t.status)}</dd>
        <dt>期限</dt>
        <dd>
          <DueDate task={t} />
        </dd>
        {p && (
          <>
            <dt>阶段</dt>
            <dd>
              <StageBadge stage={p.stage} />
            </dd>
            <dt>申报总投资</dt>
            <dd>{yuan(p.totalInvestmentFen)} 元</dd>
            <dt>项目</dt>
            <dd>
              <Link href={`/projects/${p.id}`}>查看项目详情</Link>
            </dd>
          </>
        )}
      </dl>
      <Section title="项目材料" id="task-documents">
        <DocumentsTable documents={documents.data?.items ?? []} />
        {t.status === 'open' && mine && opinionKind && (
          <DocumentUpload
            projectId={t.projectId}
            kinds={[opinionKind]}
            idPrefix="opinion"
            onUploaded={() => setRound((r) => r + 1)}
          />
        )}
      </Section>
      {t.status === 'open' && mine && (
        <DecisionForm task={t} documents={documents.data?.items ?? []} onDecided={() => setRound((r) => r + 1)} />
      )}
      {t.decision && (
        <Section title="已办结" id="decided">
          <p class="ok-message" role="status">
            {t.decision.decidedByName} 于 {dateTime(t.decision.decidedAt)} 作出决定：
            {label(DECISIONS_ZH, t.decision.decision)}
          </p>
          <p>{t.decision.opinion}</p>
        </Section>
      )}
    </>
  );
};
