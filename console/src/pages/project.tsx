import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { DOCUMENT_KINDS, type DocumentKind, type ProjectDocument } from '#shared/domain/document.schema.ts';
import { buildingInEmergency } from '#shared/domain/emergency.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { isDeclaring, ownerMayAttach } from '#shared/domain/stages.ts';
import { api, type Page } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { DocumentUpload } from '../components/document-upload.tsx';
import { DocumentsTable } from '../components/documents-table.tsx';
import { ProjectDossiers } from '../components/dossiers.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { ProjectActions } from '../components/project-actions.tsx';
import { ProjectForm } from '../components/project-form.tsx';
import { AuditTrail, FindingsAndFunding, Obligations } from '../components/project-records.tsx';
import { StageTimeline } from '../components/stage-timeline.tsx';
import { Loading, Section, StageBadge } from '../components/ui.tsx';
import { yuan } from '../i18n/format.ts';
import { CATEGORIES_ZH, EMERGENCY_CONFIRMATION_ZH, label, REVIEW_KINDS_ZH } from '../i18n/zh.ts';
import { useDepartmentNames } from '../use-department-names.ts';
import { useResource } from '../use-resource.ts';

// The forms of procurement to decommissioning load their own chunk (they carry those phases' schemas).
const PhaseWork = lazy(() => import('../phases/phase-work.tsx').then((m) => m.PhaseWork));

/**
 * What the caller may upload to the project now, as the API decides it: the owner department what
 * the project's stage takes (shared/domain/lifecycle.ts), the accountability bureaus their
 * evidence. Reviewers upload their opinions from the task page.
 */
const uploadKinds = (p: Project, session: Session, owner: boolean): DocumentKind[] => {
  const emergencyBuilding = buildingInEmergency(p);
  const kinds = owner ? DOCUMENT_KINDS.filter((kind) => ownerMayAttach(p.stage, kind, { emergencyBuilding })) : [];
  if (hasRole(session, 'audit', 'data-bureau', 'finance')) kinds.push('accountability-evidence');
  return kinds;
};

/** Everything about one project that the caller may see. */
export const ProjectPage = ({ id, session }: { id: string; session: Session }) => {
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState(false);
  const project = useResource(() => api.get<Project>(`/v1/projects/${id}`), [id, round]);
  const documents = useResource(
    () => api.get<Page<ProjectDocument>>(`/v1/projects/${id}/documents?limit=200`),
    [id, round],
  );
  const refresh = () => setRound((r) => r + 1);
  const deptName = useDepartmentNames();
  if (project.error) return <ProblemList problem={project.error.problem} />;
  if (!project.data) return <Loading />;
  const p = project.data;
  const docs = documents.data?.items ?? [];
  const owner = session.claims.dept === p.ownerDeptId && hasRole(session, 'dept-staff', 'dept-head');
  const editable = owner && isDeclaring(p.stage);
  const kinds = uploadKinds(p, session, owner);

  return (
    <>
      <div class="heading">
        <h1>
          {p.name} <span class="code">{p.code}</span>
        </h1>
        <StageBadge stage={p.stage} />
      </div>
      <StageTimeline stage={p.stage} />
      <dl class="facts">
        <dt>建设单位</dt>
        <dd>{deptName(p.ownerDeptId)}</dd>
        <dt>年度</dt>
        <dd>{p.year}</dd>
        <dt>项目类别</dt>
        <dd>{label(CATEGORIES_ZH, p.category)}</dd>
        <dt>申报总投资</dt>
        <dd>{yuan(p.totalInvestmentFen)} 元</dd>
        <dt>批复预算</dt>
        <dd>{p.approvedBudgetFen === null ? '—' : `${yuan(p.approvedBudgetFen)} 元`}</dd>
        <dt>待办审查</dt>
        <dd>{p.openReviews.length ? p.openReviews.map((k) => label(REVIEW_KINDS_ZH, k)).join('、') : '无'}</dd>
        {p.emergency?.confirmation && (
          <>
            <dt>紧急项目认定（第十五条）</dt>
            <dd id="emergency-confirmation" class={`emergency-${p.emergency.confirmation.status}`}>
              {label(EMERGENCY_CONFIRMATION_ZH, p.emergency.confirmation.status)}
              {p.emergency.declaredTotalFen !== null &&
                `；开工时申报总投资 ${yuan(p.emergency.declaredTotalFen)} 元（批准前采购以此为限，第十七条）`}
            </dd>
          </>
        )}
      </dl>
      {editable && (
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          {editing ? '收起修改' : '修改申报'}
        </button>
      )}
      {editing && (
        <ProjectForm
          ownerDeptId={p.ownerDeptId}
          project={p}
          documents={docs}
          onSaved={() => {
            setEditing(false);
            refresh();
          }}
        />
      )}
      <ProjectActions project={p} documents={docs} session={session} onChanged={refresh} />
      <Section title="材料" id="documents">
        <DocumentsTable documents={docs} />
        {kinds.length > 0 && <DocumentUpload projectId={p.id} kinds={kinds} onUploaded={refresh} />}
      </Section>
      {/* A declaration being written has no later phase yet, unless it is an emergency (ART15: it may build first). */}
      {(!editable || p.emergency !== null) && (
        <Suspense fallback={<Loading />}>
          <PhaseWork project={p} documents={docs} session={session} round={round} onChanged={refresh} />
        </Suspense>
      )}
      <Obligations projectId={p.id} round={round} session={session} onChanged={refresh} />
      <FindingsAndFunding projectId={p.id} round={round} />
      <AuditTrail projectId={p.id} round={round} />
      <ProjectDossiers project={p} session={session} />
    </>
  );
};
