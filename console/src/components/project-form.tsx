import { useEffect, useState } from 'preact/hooks';
import type { Department } from '#shared/domain/department.schema.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import {
  CATEGORIES,
  CONSTRUCTION_TYPES,
  DEPLOYMENT_TARGETS,
  EMERGENCY_EVENT_KINDS,
  FUNDING_MODES,
  type Project,
  ProjectInputSchema,
} from '#shared/domain/project.schema.ts';
import { scopeViolations } from '#shared/domain/rules/declaration.ts';
import type { Violation } from '#shared/domain/violation.ts';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError, api, type Page } from '../api/client.ts';
import {
  CATEGORIES_ZH,
  CONSTRUCTION_TYPES_ZH,
  DEPLOYMENT_TARGETS_ZH,
  DOCUMENT_KINDS_ZH,
  EMERGENCY_TYPES_ZH,
  FUNDING_MODES_ZH,
  label,
} from '../i18n/zh.ts';
import { useResource } from '../use-resource.ts';
import { CheckField, SelectField, TextField } from './fields.tsx';
import { ProblemList } from './problem-list.tsx';
import { type Draft, draftOf, emptyDraft, toBody } from './project-draft.ts';
import { fieldErrors } from './zod-issues.ts';

const options = (values: readonly string[], labels: Record<string, string>) =>
  values.map((value) => [value, label(labels, value)] as const);

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

  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={props.project ? '修改申报' : '项目申报'}>
      <fieldset>
        <legend>基本信息</legend>
        <TextField id="name" label="项目名称" required value={draft.name} onValue={set('name')} error={errors.name} />
        <div class="row">
          <TextField
            id="year"
            label="年度"
            inputMode="numeric"
            value={draft.year}
            onValue={set('year')}
            error={errors.year}
          />
          <TextField
            id="totalInvestmentFen"
            label="总投资（元）"
            required
            inputMode="decimal"
            value={draft.total}
            onValue={set('total')}
            error={errors.totalInvestmentFen}
            hint="达 60 万元以上的项目须经财政预算评审（第十四条）"
          />
        </div>
        <div class="row">
          <SelectField
            id="category"
            label="项目类别"
            value={draft.category}
            onValue={set('category')}
            options={options(CATEGORIES, CATEGORIES_ZH)}
            error={errors.category}
          />
          <SelectField
            id="constructionType"
            label="建设性质"
            value={draft.constructionType}
            onValue={set('constructionType')}
            options={options(CONSTRUCTION_TYPES, CONSTRUCTION_TYPES_ZH)}
            error={errors.constructionType}
          />
          <SelectField
            id="fundingMode"
            label="投资方式"
            value={draft.fundingMode}
            onValue={set('fundingMode')}
            options={options(FUNDING_MODES, FUNDING_MODES_ZH)}
            error={errors.fundingMode}
          />
        </div>
        {draft.category === 'other' && (
          <TextField
            id="categoryDescription"
            label="项目类别说明（第二条“等”，由技术审核认定）"
            required
            multiline
            value={draft.categoryDescription}
            onValue={set('categoryDescription')}
            error={errors.categoryDescription}
          />
        )}
        <TextField
          id="annualPlanItemId"
          label="年度计划项目编号（如已列入）"
          value={draft.annualPlanItemId}
          onValue={set('annualPlanItemId')}
          error={errors.annualPlanItemId}
        />
      </fieldset>

      <fieldset>
        <legend>项目性质</legend>
        <CheckField id="keyProject" label="省市重点项目" checked={draft.keyProject} onValue={set('keyProject')} />
        <CheckField
          id="involvesConstruction"
          label="涉及工程建设"
          checked={draft.involvesConstruction}
          onValue={set('involvesConstruction')}
        />
        <CheckField
          id="classified"
          label="涉密项目"
          checked={draft.classified}
          onValue={set('classified')}
          hint="涉密项目不属于本办法管理范围（第二条）"
        />
      </fieldset>

      <fieldset>
        <legend>建设内容</legend>
        <p class="hint">数据中心、机房、云平台建设不予批准（第七条）。</p>
        <CheckField id="scope.dataCentre" label="数据中心" checked={draft.dataCentre} onValue={set('dataCentre')} />
        <CheckField id="scope.machineRoom" label="机房" checked={draft.machineRoom} onValue={set('machineRoom')} />
        <CheckField
          id="scope.cloudPlatform"
          label="云平台"
          checked={draft.cloudPlatform}
          onValue={set('cloudPlatform')}
        />
      </fieldset>

      <fieldset>
        <legend>互联互通、数据共享、业务协同（第七条）</legend>
        <TextField
          id="interop.interconnection"
          label="互联互通"
          multiline
          value={draft.interconnection}
          onValue={set('interconnection')}
          error={errors['interop.interconnection']}
        />
        <TextField
          id="interop.dataSharing"
          label="数据共享"
          multiline
          value={draft.dataSharing}
          onValue={set('dataSharing')}
          error={errors['interop.dataSharing']}
        />
        <TextField
          id="interop.businessCollaboration"
          label="业务协同"
          multiline
          value={draft.businessCollaboration}
          onValue={set('businessCollaboration')}
          error={errors['interop.businessCollaboration']}
        />
      </fieldset>

      <fieldset>
        <legend>部署（第二十六条）</legend>
        <SelectField
          id="deployment.target"
          label="部署方式"
          value={draft.target}
          onValue={set('target')}
          options={options(DEPLOYMENT_TARGETS, DEPLOYMENT_TARGETS_ZH)}
        />
        {draft.target !== 'gov-cloud' && (
          <>
            <TextField
              id="deployment.migrationPlan"
              label="迁移上云计划"
              multiline
              value={draft.migrationPlan}
              onValue={set('migrationPlan')}
              error={errors['deployment.migrationPlan']}
            />
            <TextField
              id="deployment.migrationPlan.completeBy"
              label="迁移完成日期（YYYY-MM-DD；运维项目必填，第七条）"
              value={draft.migrationCompleteBy}
              onValue={set('migrationCompleteBy')}
              error={errors['deployment.migrationPlan.completeBy']}
            />
            <SelectField
              id="deployment.riskAssessmentDocumentId"
              label={label(DOCUMENT_KINDS_ZH, 'risk-assessment')}
              value={draft.riskAssessmentDocumentId}
              onValue={set('riskAssessmentDocumentId')}
              options={[
                ['', props.project ? '（请先在材料中上传并通过核验）' : '（项目登记后上传）'],
                ...riskDocs.map((d) => [d.id, d.fileName] as const),
              ]}
            />
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>共建与协同</legend>
        {others.length > 0 && (
          // Folded: a county has dozens of departments and most projects have no co-builder,
          // so the keyboard passes over one summary instead of every department.
          <details class="nested co-builders" open={coBuildersOpen}>
            <summary>
              共建部门（第十一条，须各部门主要负责人确认）：
              {draft.coBuilders.length > 0 ? `已选 ${draft.coBuilders.length} 个` : '无'}
            </summary>
            <div class="checks">
              {others.map((d) => (
                <label key={d.id}>
                  <input
                    type="checkbox"
                    checked={draft.coBuilders.includes(d.id)}
                    onChange={(e) =>
                      set('coBuilders')(
                        e.currentTarget.checked
                          ? [...draft.coBuilders, d.id]
                          : draft.coBuilders.filter((id) => id !== d.id),
                      )
                    }
                  />
                  {d.name}
                </label>
              ))}
            </div>
          </details>
        )}
        <CheckField
          id="cityCountyCoBuild"
          label="市县协同建设项目（第八条）"
          checked={draft.coBuild}
          onValue={set('coBuild')}
        />
        {draft.coBuild && (
          <TextField
            id="cityCountyCoBuild.countyShareFen"
            label="县级承担资金（元）"
            inputMode="decimal"
            value={draft.countyShare}
            onValue={set('countyShare')}
            error={errors['cityCountyCoBuild.countyShareFen']}
          />
        )}
        <CheckField
          id="emergency"
          label="紧急项目（第十五条：可先行建设，后补程序）"
          checked={draft.emergency}
          onValue={set('emergency')}
        />
        {draft.emergency && (
          <>
            <SelectField
              id="emergency.eventType"
              label="突发事件类型"
              value={draft.eventType}
              onValue={set('eventType')}
              options={options(EMERGENCY_EVENT_KINDS, EMERGENCY_TYPES_ZH)}
            />
            <TextField
              id="emergency.event.name"
              label="突发事件名称"
              required
              value={draft.eventName}
              onValue={set('eventName')}
              error={errors['emergency.event.name']}
            />
            <TextField
              id="emergency.event.occurredOn"
              label="事件发生日期（YYYY-MM-DD）"
              required
              value={draft.occurredOn}
              onValue={set('occurredOn')}
              error={errors['emergency.event.occurredOn']}
            />
            <TextField
              id="emergency.justification"
              label="紧急建设理由（事件类型为“其他”时写明事件）"
              multiline
              required
              value={draft.justification}
              onValue={set('justification')}
              error={errors['emergency.justification']}
            />
            <SelectField
              id="emergency.decisionDocumentId"
              label={label(DOCUMENT_KINDS_ZH, 'emergency-decision')}
              value={draft.decisionDocumentId}
              onValue={set('decisionDocumentId')}
              options={[['', '（开工后3个工作日内补齐）'], ...decisionDocs.map((d) => [d.id, d.fileName] as const)]}
            />
          </>
        )}
      </fieldset>

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
