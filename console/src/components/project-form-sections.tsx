import type { Department } from '#shared/domain/department.schema.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import {
  CATEGORIES,
  CONSTRUCTION_TYPES,
  DEPLOYMENT_TARGETS,
  EMERGENCY_EVENT_KINDS,
  FUNDING_MODES,
} from '#shared/domain/project.schema.ts';
import {
  CATEGORIES_ZH,
  CONSTRUCTION_TYPES_ZH,
  DEPLOYMENT_TARGETS_ZH,
  DOCUMENT_KINDS_ZH,
  EMERGENCY_TYPES_ZH,
  FUNDING_MODES_ZH,
  label,
} from '../i18n/zh.ts';
import { CheckField, SelectField, TextField } from './fields.tsx';
import type { Draft } from './project-draft.ts';

/**
 * The declaration form's sections (API.md § Project body), one fieldset each, in the order a
 * department fills them: project-form.tsx holds the draft, checks it and sends it.
 */

/** What every section is handed: the draft, a setter per field, and the message beside each field. */
export interface SectionProps {
  readonly draft: Draft;
  readonly set: <K extends keyof Draft>(key: K) => (value: Draft[K]) => void;
  readonly errors: Record<string, string>;
}

const options = (values: readonly string[], labels: Record<string, string>) =>
  values.map((value) => [value, label(labels, value)] as const);

/** The name, the year, the total and the kind of project (ART02, ART06, ART14). */
export const BasicsSection = ({ draft, set, errors }: SectionProps) => (
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
);

/** Whether it is a key project, involves construction, or is classified (ART02, ART13). */
export const NatureSection = ({ draft, set }: SectionProps) => (
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
);

/** What it builds: a data centre, a machine room or a cloud platform is refused (ART07). */
export const ScopeSection = ({ draft, set }: SectionProps) => (
  <fieldset>
    <legend>建设内容</legend>
    <p class="hint">数据中心、机房、云平台建设不予批准（第七条）。</p>
    <CheckField id="scope.dataCentre" label="数据中心" checked={draft.dataCentre} onValue={set('dataCentre')} />
    <CheckField id="scope.machineRoom" label="机房" checked={draft.machineRoom} onValue={set('machineRoom')} />
    <CheckField id="scope.cloudPlatform" label="云平台" checked={draft.cloudPlatform} onValue={set('cloudPlatform')} />
  </fieldset>
);

/** Interconnection, data sharing and business collaboration, each described (ART07). */
export const InteropSection = ({ draft, set, errors }: SectionProps) => (
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
);

/** Where it is deployed, and off the government cloud its migration plan and risk assessment (ART07, ART26). */
export const DeploymentSection = (
  props: SectionProps & { registered: boolean; riskAssessments: readonly ProjectDocument[] },
) => (
  <fieldset>
    <legend>部署（第二十六条）</legend>
    <SelectField
      id="deployment.target"
      label="部署方式"
      value={props.draft.target}
      onValue={props.set('target')}
      options={options(DEPLOYMENT_TARGETS, DEPLOYMENT_TARGETS_ZH)}
    />
    {props.draft.target !== 'gov-cloud' && (
      <>
        <TextField
          id="deployment.migrationPlan"
          label="迁移上云计划"
          multiline
          value={props.draft.migrationPlan}
          onValue={props.set('migrationPlan')}
          error={props.errors['deployment.migrationPlan']}
        />
        <TextField
          id="deployment.migrationPlan.completeBy"
          label="迁移完成日期（YYYY-MM-DD；运维项目必填，第七条）"
          value={props.draft.migrationCompleteBy}
          onValue={props.set('migrationCompleteBy')}
          error={props.errors['deployment.migrationPlan.completeBy']}
        />
        <SelectField
          id="deployment.riskAssessmentDocumentId"
          label={label(DOCUMENT_KINDS_ZH, 'risk-assessment')}
          value={props.draft.riskAssessmentDocumentId}
          onValue={props.set('riskAssessmentDocumentId')}
          options={[
            ['', props.registered ? '（请先在材料中上传并通过核验）' : '（项目登记后上传）'],
            ...props.riskAssessments.map((d) => [d.id, d.fileName] as const),
          ]}
        />
      </>
    )}
  </fieldset>
);

/** Co-builders (ART11), a city–county co-build (ART08) and an emergency (ART15). */
export const CoBuildSection = (
  props: SectionProps & { others: readonly Department[]; foldedOpen: boolean; decisions: readonly ProjectDocument[] },
) => (
  <fieldset>
    <legend>共建与协同</legend>
    {props.others.length > 0 && (
      // Folded: a county has dozens of departments and most projects have no co-builder,
      // so the keyboard passes over one summary instead of every department.
      <details class="nested co-builders" open={props.foldedOpen}>
        <summary>
          共建部门（第十一条，须各部门主要负责人确认）：
          {props.draft.coBuilders.length > 0 ? `已选 ${props.draft.coBuilders.length} 个` : '无'}
        </summary>
        <div class="checks">
          {props.others.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                checked={props.draft.coBuilders.includes(d.id)}
                onChange={(e) =>
                  props.set('coBuilders')(
                    e.currentTarget.checked
                      ? [...props.draft.coBuilders, d.id]
                      : props.draft.coBuilders.filter((id) => id !== d.id),
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
      checked={props.draft.coBuild}
      onValue={props.set('coBuild')}
    />
    {props.draft.coBuild && (
      <TextField
        id="cityCountyCoBuild.countyShareFen"
        label="县级承担资金（元）"
        inputMode="decimal"
        value={props.draft.countyShare}
        onValue={props.set('countyShare')}
        error={props.errors['cityCountyCoBuild.countyShareFen']}
      />
    )}
    <CheckField
      id="emergency"
      label="紧急项目（第十五条：可先行建设，后补程序）"
      checked={props.draft.emergency}
      onValue={props.set('emergency')}
    />
    {props.draft.emergency && (
      <>
        <SelectField
          id="emergency.eventType"
          label="突发事件类型"
          value={props.draft.eventType}
          onValue={props.set('eventType')}
          options={options(EMERGENCY_EVENT_KINDS, EMERGENCY_TYPES_ZH)}
        />
        <TextField
          id="emergency.event.name"
          label="突发事件名称"
          required
          value={props.draft.eventName}
          onValue={props.set('eventName')}
          error={props.errors['emergency.event.name']}
        />
        <TextField
          id="emergency.event.occurredOn"
          label="事件发生日期（YYYY-MM-DD）"
          required
          value={props.draft.occurredOn}
          onValue={props.set('occurredOn')}
          error={props.errors['emergency.event.occurredOn']}
        />
        <TextField
          id="emergency.justification"
          label="紧急建设理由（事件类型为“其他”时写明事件）"
          multiline
          required
          value={props.draft.justification}
          onValue={props.set('justification')}
          error={props.errors['emergency.justification']}
        />
        <SelectField
          id="emergency.decisionDocumentId"
          label={label(DOCUMENT_KINDS_ZH, 'emergency-decision')}
          value={props.draft.decisionDocumentId}
          onValue={props.set('decisionDocumentId')}
          options={[['', '（开工后3个工作日内补齐）'], ...props.decisions.map((d) => [d.id, d.fileName] as const)]}
        />
      </>
    )}
  </fieldset>
);
