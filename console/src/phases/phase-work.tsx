import { useRef, useState } from 'preact/hooks';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import type { SecurityDrill } from '#shared/domain/construction.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { buildingInEmergency, mayTakeInEmergency } from '#shared/domain/emergency.ts';
import { stageAllows } from '#shared/domain/lifecycle.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { DEPARTMENT_ROLES } from '#shared/domain/roles.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { ViolationItem } from '../components/problem-list.tsx';
import { Section } from '../components/ui.tsx';
import { articlesZh } from '../i18n/numerals.ts';
import { useResource } from '../use-resource.ts';
import {
  articlesOf,
  documentKindsOf,
  owedBy,
  PHASE_FORMS,
  type PhaseForm,
  type PhaseRecordsRead,
} from './catalogue.ts';
import { PhaseRecords } from './phase-records.tsx';
import { SchemaForm } from './schema-form.tsx';

/** Whether the caller may use `form` on the project now: their role, their department, the project's stage. */
const mayUse = (form: PhaseForm, project: Project, session: Session) => {
  if (form.route.roles === 'public') return false;
  const roles = form.roles ?? form.route.roles;
  const mine = roles.filter((role) => hasRole(session, role));
  if (mine.length === 0) return false;
  // Someone who may use it only as department staff or head uses it for their own department's project.
  if (mine.every((role) => DEPARTMENT_ROLES.includes(role)) && session.claims.dept !== project.ownerDeptId)
    return false;
  if (form.action === null) return true;
  // An emergency project starts building from the approval track, before anything else (ART15); its
  // procurement forms stay open while it builds, and close if the Data Bureau denies the emergency.
  if (!mayTakeInEmergency(form.action, project)) return false;
  return stageAllows(form.action, project, { emergencyBuilding: buildingInEmergency(project) });
};

/** The route's path for this project: the project's id, or its owner department's for a department's record. */
const pathFor = (form: PhaseForm, project: Project) =>
  form.route.path
    .replace('{id}', encodeURIComponent(project.id))
    .replace('{deptId}', encodeURIComponent(project.ownerDeptId));

const send = (form: PhaseForm, project: Project, body: unknown) => {
  const path = pathFor(form, project);
  if (form.route.method === 'PUT') return api.put(path, body);
  return api.post(path, body, { idempotent: form.route.headers?.includes('Idempotency-Key') ?? false });
};

/**
 * What a later review will check on record, as it stands now: the owner department's drills are
 * read here (they are the department's, not the project's), the rest from the project's records.
 */
const Ahead = (props: { ahead: NonNullable<PhaseForm['ahead']>; project: Project; records: PhaseRecordsRead }) => {
  const { ahead, project } = props;
  const drills = useResource(
    () => api.get<Page<SecurityDrill>>(`/v1/departments/${encodeURIComponent(project.ownerDeptId)}/security-drills`),
    [project.ownerDeptId],
  );
  if (!drills.data) return null;
  const missing = ahead.check({ records: props.records, drills: drills.data.items, today: shanghaiDate(new Date()) });
  return (
    <div class="ahead">
      <p class="hint">
        {ahead.title}：{missing.length === 0 ? '所需记录均已在案。' : '以下事项目前尚未满足，请先补齐。'}
      </p>
      {missing.length > 0 && (
        <ul class="violations">
          {missing.map((violation) => (
            <ViolationItem key={`${violation.code}-${violation.path}`} violation={violation} />
          ))}
        </ul>
      )}
    </div>
  );
};

const FormCard = (props: {
  form: PhaseForm;
  project: Project;
  documents: readonly ProjectDocument[];
  records: PhaseRecordsRead;
  onDone: (form: PhaseForm) => void;
}) => {
  const { form, project } = props;
  const articles = articlesZh(articlesOf(form));
  const card = useRef<HTMLDetailsElement>(null);
  return (
    <details class="phase" id={`phase-${form.route.id}`} ref={card}>
      <summary>
        {form.title}
        {articles && <span class="muted">（{articles}）</span>}
      </summary>
      {form.ahead && <Ahead ahead={form.ahead} project={project} records={props.records} />}
      <SchemaForm
        id={form.route.id}
        title={form.title}
        schema={form.route.body as NonNullable<PhaseForm['route']['body']>}
        documents={props.documents}
        documentKinds={documentKindsOf(form)}
        {...(form.choices ? { choices: form.choices(props.records) } : {})}
        submitLabel="提交"
        onSubmit={async (body) => {
          await send(form, project, body);
          // Done: the form folds away (and opens empty for the next contract, report or record).
          if (card.current) card.current.open = false;
          props.onDone(form);
        }}
      />
    </details>
  );
};

/**
 * The project's life after its declaration: the forms the caller may use now (from the catalogue,
 * shown by the lifecycle's stages and the routes' roles; the API still decides), then every
 * phase record the project has.
 */
export const PhaseWork = (props: {
  project: Project;
  documents: readonly ProjectDocument[];
  session: Session;
  round: number;
  onChanged: () => void;
}) => {
  const { project, session } = props;
  const duties = useResource(
    () => api.get<Page<Obligation>>(`/v1/projects/${encodeURIComponent(project.id)}/obligations?limit=200`),
    [project.id, props.round],
  );
  const records = useResource(
    () => api.get<PhaseRecordsRead>(`/v1/projects/${encodeURIComponent(project.id)}/records`),
    [project.id, props.round],
  );
  const owed = new Set((duties.data?.items ?? []).filter((o) => o.status === 'open').map((o) => o.code));
  const forms = PHASE_FORMS.filter((form) => {
    const duty = owedBy(form);
    return mayUse(form, project, session) && (duty === undefined || owed.has(duty));
  });
  // Said here, not in the form: a form the new stage no longer offers leaves the page with it.
  const [done, setDone] = useState<string>();
  return (
    <>
      {(forms.length > 0 || done) && (
        <Section title="建设与运行办理" id="phase-work" busy={duties.loading}>
          <p class="hint">按项目所处阶段列出可办理的事项；提交前按接口规则检查，提交后由系统按管理办法审核。</p>
          {done && (
            <p class="ok-message" role="status">
              已办理：{done}
            </p>
          )}
          {forms.map((form) => (
            <FormCard
              key={form.route.id}
              form={form}
              project={project}
              documents={props.documents}
              records={records.data ?? {}}
              onDone={(form) => {
                setDone(form.title);
                props.onChanged();
              }}
            />
          ))}
        </Section>
      )}
      <PhaseRecords
        project={project}
        records={records}
        documents={props.documents}
        session={session}
        onChanged={props.onChanged}
      />
    </>
  );
};
