import { useEffect, useState } from 'preact/hooks';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { type Project, ProjectInputSchema } from '#shared/domain/project.schema.ts';
import { isDeclaring } from '#shared/domain/stages.ts';
import { api } from '../api/client.ts';
import { hasRole, type Session } from '../auth/session.ts';
import { dateTime } from '../i18n/format.ts';
import { label, STAGES_ZH } from '../i18n/zh.ts';
import { useAction } from '../use-action.ts';
import { useDepartmentNames } from '../use-department-names.ts';
import { ProblemList } from './problem-list.tsx';
import { Section } from './ui.tsx';

/**
 * What the caller may do to the declaration now: the owner department's head signs the internal
 * compliance review (ART10), co-builder heads confirm (ART11), the owner submits.
 */
export const ProjectActions = (props: {
  project: Project;
  documents: readonly ProjectDocument[];
  session: Session;
  onChanged: (project: Project) => void;
}) => {
  const { project, session } = props;
  const [submitted, setSubmitted] = useState<string>();
  const step = useAction();
  const deptName = useDepartmentNames();
  const action = {
    ...step,
    run: async (send: () => Promise<Project>) => {
      const project = await step.run(send);
      if (project) props.onChanged(project);
    },
  };
  const owner = session.claims.dept === project.ownerDeptId && hasRole(session, 'dept-staff', 'dept-head');
  const head = owner && hasRole(session, 'dept-head');
  const coBuilderHead = hasRole(session, 'dept-head') && project.coBuilderDeptIds.includes(session.claims.dept ?? '');
  const reviews = props.documents.filter((d) => d.kind === 'internal-compliance-review' && d.status === 'verified');
  const [reviewId, setReviewId] = useState('');
  // The head signs the review shown: the one chosen, else the first listed.
  const chosenReview = reviews.some((d) => d.id === reviewId) ? reviewId : (reviews[0]?.id ?? '');
  // A refusal lists what was missing then; once the project or its verified papers change it no
  // longer says what is missing now, so it goes until the next attempt.
  const papers = props.documents
    .filter((d) => d.status === 'verified')
    .map((d) => d.id)
    .join();
  useEffect(() => step.clear(), [papers, project.version]);
  const editable = isDeclaring(project.stage);
  if (!(owner || coBuilderHead)) return null;

  return (
    <Section title="申报办理" id="actions">
      <p>
        主要负责人签署（第十条）：
        {project.signOff ? `${project.signOff.name} 已于 ${dateTime(project.signOff.at)} 签署` : '尚未签署'}
      </p>
      {project.coBuilderDeptIds.length > 0 && (
        <p>
          共建部门确认（第十一条）：
          {project.coBuilderDeptIds
            .map((d) => `${deptName(d)}${project.confirmations[d] ? '（已确认）' : '（待确认）'}`)
            .join('、')}
        </p>
      )}
      {head && editable && (
        <form
          class="row"
          aria-label="主要负责人签署"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() =>
              api.post<Project>(`/v1/projects/${project.id}/sign-off`, {
                internalReviewDocumentId: chosenReview,
              }),
            );
          }}
        >
          <div class="field">
            <label for="sign-off-review">内部合规性审核意见</label>
            <select id="sign-off-review" value={chosenReview} onChange={(e) => setReviewId(e.currentTarget.value)}>
              {reviews.length === 0 && <option value="">（请先上传内部合规性审核意见）</option>}
              {reviews.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.fileName}（{dateTime(d.createdAt)}）
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={action.busy || reviews.length === 0}>
            签署
          </button>
        </form>
      )}
      {coBuilderHead && !project.confirmations[session.claims.dept ?? ''] && editable && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(() =>
              api.post<Project>(`/v1/projects/${project.id}/confirmations`, undefined, { idempotent: true }),
            )
          }
        >
          确认共建
        </button>
      )}
      {owner && editable && (
        <button
          type="button"
          class="primary"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const p = await api.post<Project>(`/v1/projects/${project.id}/submit`);
              setSubmitted(`已提交申报，进入${label(STAGES_ZH, p.stage)}。`);
              return p;
            })
          }
        >
          提交申报
        </button>
      )}
      {submitted && (
        <p class="ok-message" role="status">
          {submitted}
        </p>
      )}
      <ProblemList problem={action.problem} />
      {action.problem?.violations?.some((v) => (v.path?.split('.')[0] ?? '') in ProjectInputSchema.shape) && (
        <p class="hint">标明了申报字段的问题（如安全风险评估报告的选择），请点击“修改申报”在申报表中补正后再提交。</p>
      )}
    </Section>
  );
};
