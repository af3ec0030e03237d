import { describe, expect, it } from 'vitest';
import { reviewWorkflowDefinition } from '#infra/workflows/review-workflow.asl.ts';
import { builtWithoutApproval, emergencyVoided, fundingOf, mayTakeInEmergency } from '#shared/domain/emergency.ts';
import { RuleViolationError } from '#shared/domain/errors.ts';
import { assertStage } from '#shared/domain/lifecycle.ts';
import { dueBasis, isLate } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { isApproved } from '#shared/domain/portfolio.ts';
import { type ProcurementPlanInput, procurementPlanViolations } from '#shared/domain/procurement.ts';
import type { Emergency, Project } from '#shared/domain/project.schema.ts';
import { type DecisionInput, decisionViolations } from '#shared/domain/review.ts';
import { checklistItems, dueWorkingDays, type REVIEW_KINDS, REVIEWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { hasBeenApproved, isDeclaring, isOffTrack, STAGES } from '#shared/domain/stages.ts';
import { routing } from '#shared/domain/workflow.ts';

const emergency = (confirmation: Emergency['confirmation'] = null): Emergency => ({
  eventType: 'natural-disaster',
  event: { name: '特大暴雨', occurredOn: '2026-07-20' },
  justification: '暴雨冲毁防汛指挥系统',
  declaredTotalFen: 58_000_000,
  confirmation,
});
const voided = emergency({ status: 'voided', by: 'data-bureau-reviewer', at: '2026-11-02T00:00:00.000Z' });
const started = '2026-11-01T00:00:00.000Z';
type Started = Pick<Project, 'emergency' | 'constructionStartedAt' | 'stage'>;
const project = (overrides: Partial<Started> = {}): Started => ({
  emergency: emergency(),
  constructionStartedAt: started,
  stage: 'draft',
  ...overrides,
});

describe('ART15-EMERGENCY: the emergency is checked after the start', () => {
  it('ART15-EMERGENCY: a denied emergency is void, and a project that built on it built without approval (ART07-NO-BUILD-BEFORE-APPROVAL)', () => {
    expect(emergencyVoided(project({ emergency: voided }))).toBe(true);
    expect(builtWithoutApproval(project({ emergency: voided }))).toBe(true);
    expect(builtWithoutApproval(project())).toBe(false);
    // Rejected after building, whatever the confirmation said.
    expect(builtWithoutApproval(project({ stage: 'rejected' }))).toBe(true);
    // Approved since: it builds lawfully from its approval on.
    expect(builtWithoutApproval(project({ emergency: voided, stage: 'approved' }))).toBe(false);
    expect(builtWithoutApproval(project({ emergency: null }))).toBe(false);
  });

  it('ART07-NO-BUILD-BEFORE-APPROVAL: refuses procurement and construction to a project that built without approval, 422 with the article', () => {
    for (const action of [
      'procurement-plan',
      'contract',
      'implementation',
      'construction-start',
      'milestone',
    ] as const) {
      expect(() => assertStage(action, { stage: 'draft' }, { builtWithoutApproval: true }), action).toThrow(
        RuleViolationError,
      );
    }
    // Its declaration goes on: editing and submitting are not building.
    expect(() => assertStage('submit', { stage: 'draft' }, { builtWithoutApproval: true })).not.toThrow();
    expect(mayTakeInEmergency('procurement-plan', project({ emergency: voided }))).toBe(false);
    expect(mayTakeInEmergency('emergency-start', project({ constructionStartedAt: null }))).toBe(true);
    expect(mayTakeInEmergency('emergency-start', project())).toBe(false);
  });

  it('ART15-EMERGENCY: starts from draft, returned, tech-review or approval-review, never later', () => {
    for (const stage of ['draft', 'returned', 'tech-review', 'approval-review'] as const) {
      expect(() => assertStage('emergency-start', { stage }), stage).not.toThrow();
    }
    expect(() => assertStage('emergency-start', { stage: 'approved' })).toThrow();
  });

  it('ART17-WITHIN-BUDGET: before approval an emergency is held to the total it declared at the start, not a later edit', () => {
    const plan: ProcurementPlanInput = {
      planDocumentId: 'p',
      budgetFen: 60_000_000,
      method: 'public-tender',
      requiredQualifications: [],
    };
    const building = {
      approvedBudgetFen: null,
      approvedEstimateFen: null,
      totalInvestmentFen: 5_800_000_000,
      classified: false,
      emergency: emergency(),
    };
    const found = procurementPlanViolations(plan, building, () => true);
    expect(found.map((v) => [v.code, v.path])).toEqual([['ART17-WITHIN-BUDGET', 'budgetFen']]);
    expect(found[0]?.message).toMatch(/total declared when building started of 58000000/);
  });

  it('ART15-EMERGENCY: the collective decision is due in its own policy period, the confirmation in confirmationWorkingDays', () => {
    expect(dueBasis('ART15-EMERGENCY', '2026-11-02', DEFAULT_POLICY, 'emergency-decision').amount).toBe(3);
    expect(dueBasis('ART15-EMERGENCY', '2026-11-02', DEFAULT_POLICY, 'tech-review').amount).toBe(30);
    expect(dueWorkingDays('emergency-confirmation', DEFAULT_POLICY)).toBe(5);
    expect(dueWorkingDays('filing-confirmation', { ...DEFAULT_POLICY, confirmationWorkingDays: 7 })).toBe(7);
    expect(dueWorkingDays('tech-review', DEFAULT_POLICY)).toBe(DEFAULT_POLICY.reviewDueWorkingDays);
  });
});

describe('the confirmations in the review catalogue', () => {
  const reviewer: Actor = { sub: 'r', name: '审查员', deptId: 'data-bureau', roles: ['data-bureau'] };
  const decide = (kind: (typeof REVIEW_KINDS)[number], input: Partial<DecisionInput>, forEmergency = false) =>
    decisionViolations(
      kind,
      { decision: 'approve', opinion: '意见', checklist: {}, ...input },
      {
        project: { id: 'p1' },
        task: { id: 't1', kind, checklistItems: checklistItems(kind, { emergency: forEmergency ? {} : null }) },
        actor: reviewer,
        totalFen: 1,
        opinionDocument: undefined,
      },
    );
  const ok = (kind: (typeof REVIEW_KINDS)[number]) =>
    Object.fromEntries(checklistItems(kind).map((item) => [item, { ok: true }]));

  it('ART15-EMERGENCY: asks suddenEvent, urgency and scope, and approves or rejects with its opinion text alone', () => {
    expect(checklistItems('emergency-confirmation')).toEqual(['suddenEvent', 'urgency', 'scope']);
    expect(decide('emergency-confirmation', { checklist: ok('emergency-confirmation') })).toEqual([]);
    expect(() =>
      decide('emergency-confirmation', { decision: 'return', checklist: ok('emergency-confirmation') }),
    ).toThrow(/decision/);
    expect(() =>
      decide('emergency-confirmation', { opinionDocumentId: 'd', checklist: ok('emergency-confirmation') }),
    ).toThrow(/opinionDocumentId/);
    const notSudden = decide('emergency-confirmation', {
      checklist: { ...ok('emergency-confirmation'), suddenEvent: { ok: false } },
    });
    expect(notSudden.map((v) => v.code)).toEqual(['ART15-EMERGENCY']);
  });

  it('ART15-EMERGENCY: the technical review of an emergency project records emergencyJustified, not blocking', () => {
    expect(checklistItems('tech-review')).not.toContain('emergencyJustified');
    expect(checklistItems('tech-review', { emergency: {} })).toContain('emergencyJustified');
    expect(REVIEWS['tech-review'].checklist.emergencyJustified?.blocks).toBe(false);
  });

  it('ART29-FILING, ART07-OM-FUNDING: a filing approves or returns; an O&M confirmation approves with an item not ok (the finding stays)', () => {
    expect(REVIEWS['filing-confirmation'].decisions).toEqual(['approve', 'return']);
    expect(() => decide('filing-confirmation', { decision: 'reject', checklist: ok('filing-confirmation') })).toThrow();
    expect(
      decide('om-report-confirmation', { checklist: { ...ok('om-report-confirmation'), onGovCloud: { ok: false } } }),
    ).toEqual([]);
  });

  it('ART29-FILING: a duty answered in time and awaiting confirmation is judged by the day it was answered, never late while it waits', () => {
    const duty = { dueDate: '2027-01-15', status: 'open' as const };
    expect(isLate(duty, '2027-02-01')).toBe(true);
    expect(isLate({ ...duty, pendingSince: '2027-01-10' }, '2027-02-01')).toBe(false);
    expect(isLate({ ...duty, pendingSince: '2027-01-20' }, '2027-02-01')).toBe(true);
    expect(isLate({ ...duty, pendingSince: null }, '2027-01-15')).toBe(false);
  });

  it('routes every review kind explicitly: the confirmations never run in parallel', () => {
    const project = {
      keyProject: true,
      involvesConstruction: true,
      totalInvestmentFen: 90_000_000,
      approvedBy: [],
      approvedBudgetFen: null,
    };
    expect(routing('emergency', project, DEFAULT_POLICY)).toEqual({});
    expect(routing('filing', project, DEFAULT_POLICY)).toEqual({});
  });

  it('builds the emergency machine without a Route step, and the filing machine opening with the review its round names', () => {
    const emergencyMachine = reviewWorkflowDefinition('emergency', { reviewTimeoutSeconds: 60 }) as {
      StartAt: string;
      States: Record<string, { Choices?: { Next: string }[]; Default?: string }>;
    };
    expect(emergencyMachine.StartAt).toBe('EmergencyConfirmation');
    expect(Object.keys(emergencyMachine.States)).not.toContain('Route');
    expect(emergencyMachine.States.EmergencyConfirmationOutcome?.Choices?.[0]?.Next).toBe('Approved');
    const filing = reviewWorkflowDefinition('filing', { reviewTimeoutSeconds: 60 }) as typeof emergencyMachine;
    expect(filing.StartAt).toBe('Opening');
    expect(filing.States.Opening?.Choices?.map((c) => c.Next)).toEqual(['OmReportConfirmation']);
    expect(filing.States.Opening?.Default).toBe('FilingConfirmation');
  });
});

describe('GET …/funding by stage (API.md § Cures)', () => {
  it('ART15-EMERGENCY: closed on the approval track until an emergency builds, for rejected, and for decommissioned unless held', () => {
    const none: { funds: ('construction' | 'operations')[] }[] = [];
    expect(fundingOf(project({ constructionStartedAt: null }), none)).toEqual({
      construction: 'closed',
      operations: 'closed',
    });
    expect(fundingOf(project(), none)).toEqual({ construction: 'allowed', operations: 'allowed' });
    expect(fundingOf(project({ emergency: voided }), [{ funds: ['construction'] }])).toEqual({
      construction: 'held',
      operations: 'allowed',
    });
    expect(fundingOf(project({ stage: 'rejected' }), [{ funds: ['construction'] }]).construction).toBe('closed');
    expect(fundingOf(project({ stage: 'decommissioned' }), [{ funds: ['operations'] }])).toEqual({
      construction: 'closed',
      operations: 'held',
    });
    expect(fundingOf(project({ stage: 'operations' }), none)).toEqual({
      construction: 'allowed',
      operations: 'allowed',
    });
  });

  it('reads the stage sets from the stage table: declaring, off the main line, approved', () => {
    expect(STAGES.filter(isDeclaring)).toEqual(['draft', 'returned']);
    expect(STAGES.filter(isOffTrack)).toEqual(['returned', 'rejected']);
    expect(STAGES.filter(hasBeenApproved)).toEqual([
      'approved',
      'procurement',
      'construction',
      'acceptance',
      'operations',
      'decommissioned',
    ]);
    expect(isApproved({ stage: 'rejected' })).toBe(false);
    expect(isApproved({ stage: 'no-such-stage' })).toBe(false);
  });
});
