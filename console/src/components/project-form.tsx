import { useEffect, useState } from 'preact/hooks';
import type { Department } from '#shared/domain/department.schema.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { type Project, ProjectInputSchema } from '#shared/domain/project.schema.ts';
import { scopeViolations } from '#shared/domain/rules/declaration.ts';
import type { Violation } from '#shared/domain/violation.ts';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError, api, type Page } from '../api/client.ts';
import { useResource } from '../use-resource.ts';
import { ProblemList } from './problem-list.tsx';
import { type Draft, draftOf, emptyDraft, toBody } from './project-draft.ts';
import {
  BasicsSection,
  CoBuildSection,
  DeploymentSection,
  InteropSection,
  NatureSection,
  ScopeSection,
  type SectionProps,
} from './project-form-sections.tsx';
import { fieldErrors } from './zod-issues.ts';

/**
 * The full declaration (API.md § Project body), checked in the browser with the API's own schema
 * (ProjectInputSchema) and its own scope rules (ART02, ART07, ART08, ART11) before it is sent;
 * the API checks again and stays the judge.
 */
export const ProjectForm = (props: {
  ownerDeptId: string;
  project?: Project;
  documents?: readonly ProjectDocument[];
  onSaved: (project: Project) => void;
}) => {
  const [draft, setDraft] = useState<Draft>(() => (props.project ? draftOf(props.project) : emptyDraft()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rules, setRules] = useState<Violation[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [coBuildersOpen] = useState(() => draft.coBuilders.length > 0);
  const departments = useResource(() => api.get<Page<Department>>('/v1/departments?limit=200'), []);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  /** The schema's and the scope rules' verdict on the draft, shown beside each field. */
  const check = (current: Draft) => {
    const { body, moneyErrors } = toBody(current);
    const parsed = ProjectInputSchema.safeParse(body);
    const found = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...moneyErrors };
    const violations = parsed.success ? scopeViolations(parsed.data, props.ownerDeptId) : [];
    setErrors(found);
    setRules(violations);
    return { body, found, violations };
  };
  // Once a person has tried to send the form, each correction clears its message at once.
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (tried) check(draft);
  }, [draft]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setTried(true);
    const { body, found, violations } = check(draft);
    if (Object.keys(found).length > 0 || violations.length > 0) {
      (document.querySelector('[aria-invalid="true"], .problem') as HTMLElement | null)?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = props.project
        ? await api.patch<Project>(`/v1/projects/${props.project.id}`, body, props.project.version)
        : await api.post<Project>('/v1/projects', body, { idempotent: true });
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  const others = (departments.data?.items ?? []).filter((d) => d.id !== props.ownerDeptId);
  const riskDocs = (props.documents ?? []).filter((d) => d.kind === 'risk-assessment' && d.status === 'verified');
  const decisionDocs = (props.documents ?? []).filter(
    (d) => d.kind === 'emergency-decision' && d.status === 'verified',
  );

  const section: SectionProps = { draft, set, errors };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={props.project ? '修改申报' : '项目申报'}>
      <BasicsSection {...section} />
      <NatureSection {...section} />
      <ScopeSection {...section} />
      <InteropSection {...section} />
      <DeploymentSection {...section} registered={props.project !== undefined} riskAssessments={riskDocs} />
      <CoBuildSection {...section} others={others} foldedOpen={coBuildersOpen} decisions={decisionDocs} />
      {rules.length > 0 && (
        <ProblemList
          problem={{ type: 'about:blank', title: '', status: 422, code: rules[0]?.code ?? '', violations: rules }}
        />
      )}
      <ProblemList problem={problem} />
      {props.project?.signOff && (
        <p class="hint" role="note">
          主要负责人已签署：保存修改后签署失效，须由主要负责人重新签署后再提交（第十条）。
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {props.project ? '保存修改' : '登记项目'}
      </button>
    </form>
  );
};
