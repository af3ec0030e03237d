import { migrationPlanOf, type Project } from '#shared/domain/project.schema.ts';
import { parseYuan, yuanInput } from '../i18n/format.ts';

/** The declaration form's state: what people type, before it becomes the API's body. */
export interface Draft {
  name: string;
  year: string;
  category: string;
  categoryDescription: string;
  constructionType: string;
  fundingMode: string;
  total: string;
  classified: boolean;
  keyProject: boolean;
  involvesConstruction: boolean;
  coBuilders: string[];
  coBuild: boolean;
  countyShare: string;
  emergency: boolean;
  eventType: string;
  eventName: string;
  occurredOn: string;
  justification: string;
  decisionDocumentId: string;
  dataCentre: boolean;
  machineRoom: boolean;
  cloudPlatform: boolean;
  interconnection: string;
  dataSharing: string;
  businessCollaboration: string;
  target: string;
  migrationPlan: string;
  /** ART26/ART07: the date an O&M project's system is on the government cloud by. */
  migrationCompleteBy: string;
  riskAssessmentDocumentId: string;
  annualPlanItemId: string;
}

export const emptyDraft = (): Draft => ({
  name: '',
  year: String(new Date().getFullYear()),
  category: 'application-system',
  categoryDescription: '',
  constructionType: 'new',
  fundingMode: 'government-invested',
  total: '',
  classified: false,
  keyProject: false,
  involvesConstruction: false,
  coBuilders: [],
  coBuild: false,
  countyShare: '',
  emergency: false,
  eventType: 'natural-disaster',
  eventName: '',
  occurredOn: '',
  justification: '',
  decisionDocumentId: '',
  dataCentre: false,
  machineRoom: false,
  cloudPlatform: false,
  interconnection: '',
  dataSharing: '',
  businessCollaboration: '',
  target: 'gov-cloud',
  migrationPlan: '',
  migrationCompleteBy: '',
  riskAssessmentDocumentId: '',
  annualPlanItemId: '',
});

export const draftOf = (p: Project): Draft => ({
  name: p.name,
  year: String(p.year),
  category: p.category,
  categoryDescription: p.categoryDescription ?? '',
  constructionType: p.constructionType,
  fundingMode: p.fundingMode,
  total: yuanInput(p.totalInvestmentFen),
  classified: p.classified,
  keyProject: p.keyProject,
  involvesConstruction: p.involvesConstruction,
  coBuilders: [...p.coBuilderDeptIds],
  coBuild: p.cityCountyCoBuild !== null,
  countyShare: yuanInput(p.cityCountyCoBuild?.countyShareFen),
  emergency: p.emergency !== null,
  eventType: p.emergency?.eventType ?? 'natural-disaster',
  eventName: p.emergency?.event.name ?? '',
  occurredOn: p.emergency?.event.occurredOn ?? '',
  justification: p.emergency?.justification ?? '',
  decisionDocumentId: p.emergency?.decisionDocumentId ?? '',
  dataCentre: p.scope.dataCentre,
  machineRoom: p.scope.machineRoom,
  cloudPlatform: p.scope.cloudPlatform,
  interconnection: p.interop.interconnection,
  dataSharing: p.interop.dataSharing,
  businessCollaboration: p.interop.businessCollaboration,
  target: p.deployment.target,
  migrationPlan: migrationPlanOf(p.deployment).text,
  migrationCompleteBy: migrationPlanOf(p.deployment).completeBy ?? '',
  riskAssessmentDocumentId: p.deployment.riskAssessmentDocumentId ?? '',
  annualPlanItemId: p.annualPlanItemId ?? '',
});

const MONEY = '请输入金额（元），最多两位小数';

/** The API's body (API.md § Project body), and the amounts that are not amounts. */
export const toBody = (d: Draft) => {
  const moneyErrors: Record<string, string> = {};
  const total = parseYuan(d.total);
  if (total === null) moneyErrors.totalInvestmentFen = MONEY;
  const share = d.coBuild ? parseYuan(d.countyShare) : null;
  if (d.coBuild && share === null) moneyErrors['cityCountyCoBuild.countyShareFen'] = MONEY;
  const body = {
    name: d.name.trim(),
    year: Number(d.year),
    category: d.category,
    ...(d.category === 'other' && d.categoryDescription.trim()
      ? { categoryDescription: d.categoryDescription.trim() }
      : {}),
    constructionType: d.constructionType,
    fundingMode: d.fundingMode,
    classified: d.classified,
    totalInvestmentFen: total ?? 0,
    keyProject: d.keyProject,
    involvesConstruction: d.involvesConstruction,
    coBuilderDeptIds: d.coBuilders,
    cityCountyCoBuild: d.coBuild ? { countyShareFen: share ?? 0 } : null,
    emergency: d.emergency
      ? {
          eventType: d.eventType,
          event: { name: d.eventName.trim(), occurredOn: d.occurredOn },
          justification: d.justification.trim(),
          ...(d.decisionDocumentId ? { decisionDocumentId: d.decisionDocumentId } : {}),
        }
      : null,
    scope: { dataCentre: d.dataCentre, machineRoom: d.machineRoom, cloudPlatform: d.cloudPlatform },
    interop: {
      interconnection: d.interconnection.trim(),
      dataSharing: d.dataSharing.trim(),
      businessCollaboration: d.businessCollaboration.trim(),
    },
    deployment:
      d.target === 'gov-cloud'
        ? { target: d.target }
        : {
            target: d.target,
            ...(d.migrationPlan.trim() || d.migrationCompleteBy.trim()
              ? {
                  migrationPlan: {
                    text: d.migrationPlan.trim(),
                    ...(d.migrationCompleteBy.trim() ? { completeBy: d.migrationCompleteBy.trim() } : {}),
                  },
                }
              : {}),
            ...(d.riskAssessmentDocumentId ? { riskAssessmentDocumentId: d.riskAssessmentDocumentId } : {}),
          },
    ...(d.annualPlanItemId.trim() ? { annualPlanItemId: d.annualPlanItemId.trim() } : {}),
  };
  return { body, moneyErrors };
};
