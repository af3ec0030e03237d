import * as z from 'zod';
import type { DocumentKind } from './document.schema.ts';

/**
 * The stages of a project's whole life and what each stage is (DESIGN.md § Lifecycle, API.md §
 * Stages of the whole life): its name, whether it is on the approval track, which documents its
 * owner may attach, whether funds flow, whether it is public. How a project moves between them,
 * and which action is taken in which stage, is lifecycle.ts.
 */
export const STAGES = [
  'draft',
  'tech-review',
  'approval-review',
  'approved',
  'procurement',
  'construction',
  'acceptance',
  'operations',
  'decommissioned',
  'returned',
  'rejected',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

/** The department's collective decision to build an emergency project at once (ART15, 三重一大), in any stage before approval. */
const EMERGENCY_DECISION: readonly DocumentKind[] = ['emergency-decision'];
/** The declaration's own documents (ART10, ART12, ART26). */
const DECLARATION: readonly DocumentKind[] = [
  'collective-decision',
  'construction-plan',
  'expert-opinion',
  'internal-compliance-review',
  'risk-assessment',
];
/** The finance review's approval, filed by the owner within 3 working days (ART14). */
const BUDGET: readonly DocumentKind[] = ['budget-approval'];
const PROCUREMENT: readonly DocumentKind[] = [
  'procurement-plan',
  'procurement-notice',
  'contract',
  'qualification-review',
  'confidentiality-agreement',
  'staff-confidentiality',
];
/** A change's description, and for a re-approval its own collective decision and expert opinion (ART22). */
const CHANGE: readonly DocumentKind[] = ['change-description', 'collective-decision', 'expert-opinion'];
const SECURITY: readonly DocumentKind[] = ['mlps-filing', 'security-assessment', 'crypto-assessment'];
const ACCEPTANCE: readonly DocumentKind[] = [
  'preliminary-acceptance-report',
  'software-test-report',
  'resource-sharing-catalogue',
  'data-landing-report',
];
const OPERATIONS: readonly DocumentKind[] = [
  'acceptance-report',
  'self-evaluation',
  'operations-evidence',
  'decommission-expert-opinion',
  'decommission-decision',
];

/**
 * Each stage: its name in Chinese, whether it is on the approval track (before `approved`), and
 * the document kinds the owner department may attach while the project is there. Reviewers
 * attach their opinion documents by the review catalogue, the Audit Bureau its evidence by the
 * accountability rules: neither depends on the stage.
 */
/**
 * Whether funds may flow in a stage (API.md § Cures: `GET …/funding`): `open` (held only by a
 * hold), `until-building` (closed on the approval track until an emergency starts building),
 * `closed` (rejected), `closed-unless-held` (decommissioned: closed, but a found duty's hold
 * still shows as held).
 */
export type StageFunding = 'open' | 'until-building' | 'closed' | 'closed-unless-held';

export const STAGE_TABLE: Record<
  Stage,
  {
    zh: string;
    approvalTrack: boolean;
    ownerDocuments: readonly DocumentKind[];
    funding: StageFunding;
    /** The project's life is over here: nothing new is owed, only what was already found. */
    ended: boolean;
    /** The declaration is with its department: it may be edited, signed, confirmed, submitted. */
    declaring: boolean;
    /** Off the main line of the life (sent back, or refused): shown beside the timeline, not on it. */
    offTrack: boolean;
    /** The project has been approved (立项): it counts in the county's approved investment. */
    approved: boolean;
    /**
     * The county publishes it (政务公开, GET /public/v1/projects): approved and everything after,
     * its decommissioning included, for a project once approved stays on the public record.
     */
    public: boolean;
  }
> = {
  draft: {
    zh: '草稿',
    approvalTrack: true,
    ownerDocuments: [...DECLARATION, ...EMERGENCY_DECISION],
    funding: 'until-building',
    ended: false,
    declaring: true,
    offTrack: false,
    approved: false,
    public: false,
  },
  'tech-review': {
    zh: '技术审核',
    approvalTrack: true,
    ownerDocuments: EMERGENCY_DECISION,
    funding: 'until-building',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: false,
    public: false,
  },
  'approval-review': {
    zh: '审批立项与财政评审',
    approvalTrack: true,
    ownerDocuments: [...BUDGET, ...EMERGENCY_DECISION],
    funding: 'until-building',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: false,
    public: false,
  },
  approved: {
    zh: '已批复',
    approvalTrack: false,
    ownerDocuments: [...BUDGET, ...PROCUREMENT],
    funding: 'open',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  procurement: {
    zh: '招标采购',
    approvalTrack: false,
    ownerDocuments: [...BUDGET, ...PROCUREMENT, ...CHANGE],
    funding: 'open',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  construction: {
    zh: '建设实施',
    approvalTrack: false,
    ownerDocuments: [...BUDGET, ...PROCUREMENT, ...CHANGE, 'milestone-report', ...SECURITY],
    funding: 'open',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  acceptance: {
    zh: '项目验收',
    approvalTrack: false,
    ownerDocuments: [...SECURITY, ...ACCEPTANCE, 'milestone-report'],
    funding: 'open',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  operations: {
    zh: '运行维护',
    approvalTrack: false,
    ownerDocuments: [...SECURITY, ...OPERATIONS],
    funding: 'open',
    ended: false,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  decommissioned: {
    zh: '停用报废',
    approvalTrack: false,
    ownerDocuments: ['disposal-report'],
    funding: 'closed-unless-held',
    ended: true,
    declaring: false,
    offTrack: false,
    approved: true,
    public: true,
  },
  returned: {
    zh: '退回修改',
    approvalTrack: true,
    ownerDocuments: [...DECLARATION, ...EMERGENCY_DECISION],
    funding: 'until-building',
    ended: false,
    declaring: true,
    offTrack: true,
    approved: false,
    public: false,
  },
  rejected: {
    zh: '不予批准',
    approvalTrack: false,
    ownerDocuments: [],
    funding: 'closed',
    ended: true,
    declaring: false,
    offTrack: true,
    approved: false,
    public: false,
  },
};

/**
 * A stage's Chinese name, for what people read (the console, the exported register). A value that
 * is not a stage reads as itself, so a report written before a stage was renamed still shows.
 */
export const stageNameZh = (stage: string): string =>
  Object.hasOwn(STAGE_TABLE, stage) ? STAGE_TABLE[stage as Stage].zh : stage;

/** Where every project starts: a draft of its department. */
export const INITIAL_STAGE: Stage = 'draft';

/** Stages in which the declaration is with its department: it may be edited, signed, confirmed, submitted. */
export const DECLARING: readonly Stage[] = STAGES.filter((stage) => STAGE_TABLE[stage].declaring);

/** The declaration is with its department (editable, signable, submittable). */
export const isDeclaring = (stage: Stage) => DECLARING.includes(stage);

/** Off the main line (returned, rejected): the console shows it beside the timeline. */
export const isOffTrack = (stage: Stage) => STAGE_TABLE[stage].offTrack;

/** Approved (立项) and on from there. */
export const hasBeenApproved = (stage: Stage) => STAGE_TABLE[stage].approved;

/** On the county's public register (政务公开): approved and on from there, as the stage table says. */
export const isPublic = (stage: Stage) => STAGE_TABLE[stage].public;

/** The project's life is over (rejected, decommissioned): nothing new is owed, only what was already found. */
export const hasEnded = (stage: Stage) => STAGE_TABLE[stage].ended;

/** Before approval: what an emergency project may be building in (ART15). */
export const onApprovalTrack = (stage: Stage) => STAGE_TABLE[stage].approvalTrack;

/** The owner department may attach `kind` in this stage (and its procurement papers while building in an emergency). */
export const ownerMayAttach = (stage: Stage, kind: DocumentKind, options: { emergencyBuilding?: boolean } = {}) =>
  STAGE_TABLE[stage].ownerDocuments.includes(kind) ||
  (!!options.emergencyBuilding && [...PROCUREMENT, ...EMERGENCY_DECISION].includes(kind));
