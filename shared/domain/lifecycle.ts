import { ConflictError, RuleViolationError } from './errors.ts';
import type { RuleCode } from './rules/catalog.ts';
import { DECLARING, type Stage } from './stages.ts';
import { violation } from './violation.ts';

/**
 * A project's whole life (DESIGN.md § Lifecycle, API.md § Stages of the whole life), the one
 * model every use case reads:
 *
 *   draft ─submit─▶ tech-review ─▶ approval-review ─▶ approved ─procurement-plan─▶ procurement
 *     ▲ returned ◀─┘ (return)           │ rejected          └──────┬───────────────────┘
 *     └──── edit ──┘                                      construction-start (ART07, 17, 19, 23, 25)
 *                                                                   ▼
 *   decommissioned ◀─decommission─ operations ◀─accept─ acceptance ◀─completion─ construction
 *
 * An emergency project (ART15) may start construction while still on the approval track; it
 * goes straight to `construction` when approved. What each stage is (its documents, its funds,
 * whether it is public) is the stage table in stages.ts; this file is how a project moves.
 */

interface ActionRule {
  /** Stages the action is taken from. */
  readonly from: readonly Stage[];
  /** Where it leads, when it moves the project. */
  readonly to?: Stage;
  /** The rules that must hold to take it (checked by its use case, cited in its refusals). */
  readonly guards: readonly RuleCode[];
  /**
   * The article that names why the action is refused in a stage not yet reached (API.md § 409
   * or 422): then the answer is 422 with this code, not 409.
   */
  readonly tooEarly?: RuleCode;
  /** Also open to an emergency project that started building, whatever its stage, until its ART15 duties are done. */
  readonly emergency?: true;
  /** Procurement or construction: refused under ART07 (未批先建) to a project whose emergency was denied, until it is approved. */
  readonly builds?: true;
}

/**
 * What may be done to a project in which stage, and under which article. Actions taken by the
 * workflows (a review opened, an approval or acceptance concluded) are here too: every stage a
 * project can enter is entered by one of these rows.
 */
export const ACTIONS = {
  edit: { from: DECLARING, guards: ['ART02-SCOPE-CLASSIFIED', 'ART07-FORBIDDEN-SCOPE', 'ART08-COUNTY-SHARE'] },
  'sign-off': { from: DECLARING, guards: ['ART10-HEAD-SIGNOFF'] },
  confirm: { from: DECLARING, guards: ['ART11-JOINT-DECLARATION'] },
  submit: {
    from: DECLARING,
    to: 'tech-review',
    guards: [
      'ART07-NO-INTEROP',
      'ART09-DATA-UNIT',
      'ART10-HEAD-SIGNOFF',
      'ART11-JOINT-DECLARATION',
      'ART12-DEMAND-DOCS',
      'ART26-GOV-CLOUD',
    ],
  },
  'open-tech-review': { from: ['tech-review'], to: 'tech-review', guards: ['ART13-TECH-REVIEW'] },
  'open-approval-review': {
    from: ['tech-review', 'approval-review'],
    to: 'approval-review',
    guards: ['ART13-PROJECT-APPROVAL', 'ART14-FINANCE-REVIEW'],
  },
  approve: { from: ['tech-review', 'approval-review'], to: 'approved', guards: ['ART13-TECH-REVIEW'] },
  /** An emergency project already building goes straight to construction when approved (ART15). */
  'approve-building': { from: ['tech-review', 'approval-review'], to: 'construction', guards: ['ART15-EMERGENCY'] },
  return: { from: ['tech-review', 'approval-review'], to: 'returned', guards: ['ART13-TECH-REVIEW'] },
  reject: { from: ['tech-review', 'approval-review'], to: 'rejected', guards: ['ART13-TECH-REVIEW'] },
  'budget-filing': {
    from: ['approval-review', 'approved', 'procurement', 'construction'],
    guards: ['ART14-BUDGET-FILING'],
  },
  'procurement-plan': {
    from: ['approved'],
    builds: true,
    to: 'procurement',
    guards: ['ART16-PROCUREMENT-PLAN', 'ART17-WITHIN-BUDGET', 'ART18-QUALIFICATION'],
    emergency: true,
  },
  /** After a re-approval (ART22), the plan is amended to the new budget (ART16, ART17). */
  'procurement-plan-amendment': {
    from: ['procurement', 'construction'],
    guards: ['ART16-PROCUREMENT-PLAN', 'ART17-WITHIN-BUDGET', 'ART18-QUALIFICATION'],
  },
  'procurement-notice': {
    from: ['procurement', 'construction'],
    builds: true,
    guards: ['ART16-PROCUREMENT-PLAN'],
    tooEarly: 'ART16-PROCUREMENT-PLAN',
    emergency: true,
  },
  contract: {
    from: ['procurement', 'construction'],
    builds: true,
    guards: [
      'ART16-PROCUREMENT-PLAN',
      'ART17-WITHIN-BUDGET',
      'ART18-QUALIFICATION',
      'ART18-NO-SUBCONTRACT',
      'ART23-SUPERVISION',
    ],
    tooEarly: 'ART16-PROCUREMENT-PLAN',
    emergency: true,
  },
  implementation: {
    from: ['approved', 'procurement', 'construction'],
    builds: true,
    guards: ['ART19-RESPONSIBLE'],
    emergency: true,
  },
  'construction-start': {
    from: ['approved', 'procurement'],
    builds: true,
    to: 'construction',
    guards: [
      'ART07-NO-BUILD-BEFORE-APPROVAL',
      'ART17-NO-BUILD-BEFORE-TENDER',
      'ART19-RESPONSIBLE',
      'ART23-SUPERVISION',
      'ART25-CONFIDENTIALITY',
    ],
    tooEarly: 'ART07-NO-BUILD-BEFORE-APPROVAL',
  },
  /** ART15: an emergency project builds first, from the approval track. */
  'emergency-start': {
    from: ['draft', 'returned', 'tech-review', 'approval-review'],
    guards: ['ART15-EMERGENCY', 'ART04-ROLE'],
    builds: true,
  },
  /** ART15: the head names the department's collective decision to build at once, before approval or while it owes it. */
  'emergency-decision': {
    from: ['draft', 'returned', 'tech-review', 'approval-review'],
    guards: ['ART15-EMERGENCY'],
    emergency: true,
  },
  /** Reported during construction, and after completion for a milestone not yet reported. */
  milestone: { from: ['construction', 'acceptance'], guards: ['ART20-BASELINE'], builds: true },
  assets: { from: ['construction', 'acceptance'], guards: ['ART21-ASSETS'], builds: true },
  'security-record': { from: ['construction', 'acceptance', 'operations'], guards: ['ART24-SECURITY'] },
  change: { from: ['procurement', 'construction'], guards: ['ART22-CHANGE-FILING', 'ART22-REAPPROVAL'] },
  completion: { from: ['construction'], to: 'acceptance', guards: ['ART27-ACCEPTANCE-DEADLINE'], builds: true },
  'preliminary-acceptance': {
    from: ['acceptance'],
    guards: ['ART27-ACCEPTANCE-ORDER', 'ART28-ACCEPTANCE-EVIDENCE'],
  },
  accept: {
    from: ['acceptance'],
    to: 'operations',
    guards: ['ART27-ACCEPTANCE-ORDER', 'ART28-ACCEPTANCE-EVIDENCE', 'ART24-SECURITY', 'ART21-ASSETS'],
  },
  'acceptance-filing': { from: ['operations', 'decommissioned'], guards: ['ART29-FILING'] },
  'self-evaluation': { from: ['operations', 'decommissioned'], guards: ['ART30-SELF-EVALUATION'] },
  /** After decommissioning only for a year whose report was found late (its hold stands until reported). */
  'operations-report': { from: ['operations', 'decommissioned'], guards: ['ART07-OM-FUNDING', 'ART26-GOV-CLOUD'] },
  decommission: { from: ['operations'], to: 'decommissioned', guards: ['ART32-DECOMMISSION'] },
  'disposal-report': { from: ['decommissioned'], guards: ['ART32-DISPOSAL-REPORT'] },
} as const satisfies Record<string, ActionRule>;
export type Action = keyof typeof ACTIONS;

const rule = (action: Action): ActionRule => ACTIONS[action];

/** Procurement or construction (ART07: refused to a project that built without approval until it is approved). */
export const isBuilding = (action: Action): boolean => rule(action).builds === true;

/** Whether `action` may be taken in the project's stage (an emergency project's procurement routes stay open while it owes ART15 duties). */
export const stageAllows = (
  action: Action,
  project: { stage: Stage },
  options: { emergencyBuilding?: boolean } = {},
): boolean =>
  rule(action).from.includes(project.stage) || (rule(action).emergency === true && !!options.emergencyBuilding);

/**
 * Refuses an action the project's stage does not allow: 422 with the article that names why when
 * the stage is not yet reached and an article says so (API.md § 409 or 422), else 409 naming the stage.
 */
export const assertStage = (
  action: Action,
  project: { stage: Stage },
  options: { emergencyBuilding?: boolean; builtWithoutApproval?: boolean } = {},
): void => {
  if (options.builtWithoutApproval && isBuilding(action)) {
    throw new RuleViolationError([
      violation(
        'ART07-NO-BUILD-BEFORE-APPROVAL',
        'stage',
        'Its emergency was not confirmed (or the project was rejected): no procurement or construction before approval.',
        '紧急项目未获认定（或项目不予批准）：批准前不得采购或建设。',
      ),
    ]);
  }
  if (stageAllows(action, project, options)) return;
  const { tooEarly, from } = rule(action);
  if (tooEarly && isBefore(project.stage, from)) {
    throw new RuleViolationError([violation(tooEarly, 'stage', `Not possible in stage ${project.stage}.`)]);
  }
  throw new ConflictError(`Cannot ${action} a project in stage ${project.stage}; allowed in: ${from.join(', ')}.`);
};

/** Where the project is after `action`: its `to` when taken from one of its own stages, else where it was (an emergency project's procurement on the approval track stays there). */
export const stageAfter = (action: Action, project: { stage: Stage }): Stage => {
  const { from, to } = rule(action) as ActionRule;
  return to && from.includes(project.stage) ? to : project.stage;
};

/** Where an action leads. */
export const nextStage = (action: Action): Stage => {
  const to = (rule(action) as { to?: Stage }).to;
  if (!to) throw new Error(`${action} does not change the stage`);
  return to;
};

/** The order of the main line, for "not yet reached" (returned sits with draft; rejected ends). */
const ORDER: Record<Stage, number> = {
  draft: 0,
  returned: 0,
  'tech-review': 1,
  'approval-review': 2,
  approved: 3,
  procurement: 4,
  construction: 5,
  acceptance: 6,
  operations: 7,
  decommissioned: 8,
  rejected: 9,
};
const isBefore = (stage: Stage, allowed: readonly Stage[]) =>
  stage !== 'rejected' && allowed.every((target) => ORDER[stage] < ORDER[target]);
