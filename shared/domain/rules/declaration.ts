import type { AnnualPlan } from '../annual-plan.schema.ts';
import type { Department } from '../department.schema.ts';
import type { ProjectDocument } from '../document.schema.ts';
import {
  CATEGORIES,
  CONSTRUCTION_TYPES,
  FUNDING_MODES,
  isOperationsProject,
  migrationPlanOf,
  type Project,
  type ProjectInput,
} from '../project.schema.ts';
import { type Violation, violation } from '../violation.ts';

type Fields = Pick<
  ProjectInput,
  | 'classified'
  | 'category'
  | 'categoryDescription'
  | 'constructionType'
  | 'fundingMode'
  | 'scope'
  | 'cityCountyCoBuild'
  | 'totalInvestmentFen'
  | 'coBuilderDeptIds'
>;

const oneOf = (values: readonly string[], value: string) => values.includes(value);
const OTHER_CATEGORY: (typeof CATEGORIES)[number] = 'other';

/**
 * Rules about what a project is, refused at creation and on every edit (ART02, ART07, ART08).
 * Returns every violation, not the first.
 */
export const scopeViolations = (project: Fields, ownerDeptId: string): Violation[] => {
  const found: Violation[] = [];
  if (project.classified) found.push(violation('ART02-SCOPE-CLASSIFIED', 'classified'));
  if (!oneOf(CATEGORIES, project.category)) found.push(violation('ART02-SCOPE-KIND', 'category'));
  if (project.category === OTHER_CATEGORY && !project.categoryDescription?.trim()) {
    found.push(
      violation(
        'ART02-SCOPE-KIND',
        'categoryDescription',
        'A project of another category describes what it is, for the technical review to judge.',
        '：“其他”类别的项目须说明项目类别，由技术审核认定',
      ),
    );
  }
  if (!oneOf(CONSTRUCTION_TYPES, project.constructionType))
    found.push(violation('ART02-SCOPE-KIND', 'constructionType'));
  if (!oneOf(FUNDING_MODES, project.fundingMode)) found.push(violation('ART02-SCOPE-KIND', 'fundingMode'));
  for (const flag of ['dataCentre', 'machineRoom', 'cloudPlatform'] as const) {
    if (project.scope[flag]) found.push(violation('ART07-FORBIDDEN-SCOPE', `scope.${flag}`));
  }
  for (const share of ['countyShareFen', 'countyOmShareFen'] as const) {
    if (project.cityCountyCoBuild && project.cityCountyCoBuild[share] > project.totalInvestmentFen) {
      found.push(
        violation('ART08-COUNTY-SHARE', `cityCountyCoBuild.${share}`, 'The county share exceeds the total investment.'),
      );
    }
  }
  if (project.coBuilderDeptIds.includes(ownerDeptId)) {
    found.push(
      violation('ART11-JOINT-DECLARATION', 'coBuilderDeptIds', 'The lead department cannot also be a co-builder.'),
    );
  }
  if (new Set(project.coBuilderDeptIds).size !== project.coBuilderDeptIds.length) {
    found.push(violation('ART11-JOINT-DECLARATION', 'coBuilderDeptIds', 'A co-builder is listed twice.'));
  }
  return found;
};

export interface DeclarationContext {
  /** The owner department's record, if it has one. */
  readonly department: Department | undefined;
  /** The project's documents; only verified ones count. */
  readonly documents: readonly ProjectDocument[];
}

const DEMAND_DOCUMENTS = ['collective-decision', 'construction-plan', 'expert-opinion'] as const;

const verified = (context: DeclarationContext, kind: ProjectDocument['kind'], id?: string | null) =>
  context.documents.some((d) => d.status === 'verified' && d.kind === kind && (id === undefined || d.id === id));

/**
 * What a declaration must carry before it leaves the department, checked at submit
 * (ART07, ART09, ART10, ART11, ART12, ART26), together with the scope rules.
 */
export const declarationViolations = (project: Project, context: DeclarationContext): Violation[] => {
  const found = scopeViolations(project, project.ownerDeptId);
  if (!context.department?.dataManagementUnit) found.push(violation('ART09-DATA-UNIT', 'ownerDeptId'));
  const { interconnection, dataSharing, businessCollaboration } = project.interop;
  for (const [field, value] of Object.entries({ interconnection, dataSharing, businessCollaboration })) {
    if (value.trim() === '') found.push(violation('ART07-NO-INTEROP', `interop.${field}`));
  }
  if (!project.signOff) found.push(violation('ART10-HEAD-SIGNOFF', 'signOff'));
  const unconfirmed = project.coBuilderDeptIds.filter((dept) => !project.confirmations[dept]);
  if (unconfirmed.length > 0) {
    found.push(
      violation('ART11-JOINT-DECLARATION', 'confirmations', `Not yet confirmed by: ${unconfirmed.join(', ')}.`),
    );
  }
  for (const kind of DEMAND_DOCUMENTS) {
    if (!verified(context, kind)) found.push(violation('ART12-DEMAND-DOCS', `documents.${kind}`));
  }
  // ART26: the government cloud is the rule; a public cloud or on-premise is an exception the
  // technical review decides (its cloudMigration item), on a risk assessment and a migration plan.
  if (project.deployment.target !== 'gov-cloud') {
    if (!verified(context, 'risk-assessment', project.deployment.riskAssessmentDocumentId ?? '')) {
      found.push(violation('ART26-GOV-CLOUD', 'deployment.riskAssessmentDocumentId'));
    }
    const plan = migrationPlanOf(project.deployment);
    if (!plan.text.trim()) found.push(violation('ART26-GOV-CLOUD', 'deployment.migrationPlan'));
    // ART07 不再拨付运维经费 applies to systems 未按要求迁移: an O&M project's plan says by when, and
    // the technical review's cloudMigration item judges that date.
    if (isOperationsProject(project) && plan.completeBy === null) {
      found.push(
        violation(
          'ART26-GOV-CLOUD',
          'deployment.migrationPlan.completeBy',
          'An O&M project off the government cloud states the date its migration is complete by (ART07: no O&M funds for a system not migrated as required).',
        ),
      );
    }
  }
  return found;
};

/**
 * ART06: a warning, not a refusal. A year with no approved annual plan warns too: the project
 * cannot be in a plan that does not exist.
 */
export const annualPlanWarnings = (
  project: Pick<Project, 'year' | 'ownerDeptId' | 'annualPlanItemId'>,
  plan: AnnualPlan | undefined,
): Violation[] => {
  if (!plan || plan.year !== project.year) {
    return [violation('ART06-ANNUAL-PLAN', 'year', `The county has no approved annual plan for ${project.year}.`)];
  }
  const item = plan.items.find((i) => i.id === project.annualPlanItemId);
  if (item && item.deptId === project.ownerDeptId) return [];
  return [violation('ART06-ANNUAL-PLAN', 'annualPlanItemId')];
};
