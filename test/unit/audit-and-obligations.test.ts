import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, sealEvent, verifyChain } from '#shared/domain/audit-chain.ts';
import { emergencyDutyChanges, owedProcedures } from '#shared/domain/emergency.ts';
import { countDue, daysLate, isLate, isWaivable, OBLIGATIONS } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { runningRound } from '#shared/domain/workflow.ts';

const actor = { sub: 'u', name: '张三', deptId: 'edu', roles: ['dept-staff' as const] };
const chain = (n: number) => {
  const events = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event = sealEvent(prev, {
      seq,
      at: `2026-11-0${seq}T00:00:00.000Z`,
      actor,
      action: 'x',
      from: 'draft',
      to: 'draft',
      details: { n: seq },
    });
    events.push(event);
    prev = event.hash;
  }
  return events;
};

describe('the audit trail (ART33-RECORDS)', () => {
  it('hashes canonically: key order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('verifies an intact chain against the head the project recorded', () => {
    const events = chain(3);
    expect(verifyChain(events, { eventSeq: 3, eventHead: events[2]?.hash ?? '' })).toEqual({
      valid: true,
      count: 3,
      headHash: events[2]?.hash,
    });
  });

  it('detects a changed event, a removed event and a truncated tail', () => {
    const events = chain(3);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, details: { n: 99 } } : e));
    expect(verifyChain(edited)).toMatchObject({ valid: false, brokenAt: 2 });
    expect(verifyChain(events.filter((e) => e.seq !== 2))).toMatchObject({ valid: false, brokenAt: 2 });
    expect(verifyChain(events.slice(0, 2), { eventSeq: 3, eventHead: events[2]?.hash ?? '' })).toMatchObject({
      valid: false,
    });
  });
});

describe('obligations and their due dates', () => {
  const calendars = new Map([[2026, { holidays: ['2026-10-01', '2026-10-02'], workdays: [] }]]);

  it('counts ART14-BUDGET-FILING in working days and is late only after the due date', () => {
    const due = countDue({ from: '2026-09-29', amount: 3, unit: 'working-days' }, calendars);
    expect(due).toEqual({ dueDate: '2026-10-06', provisional: false });
    expect(isLate({ dueDate: '2026-10-06', status: 'open' }, '2026-10-06')).toBe(false);
    expect(isLate({ dueDate: '2026-10-06', status: 'open' }, '2026-10-07')).toBe(true);
    expect(isLate({ dueDate: '2026-10-06', status: 'fulfilled' }, '2026-12-01')).toBe(false);
    expect(daysLate('2026-10-06', '2026-10-09')).toBe(3);
  });

  it('counts calendar days and months for the rules that use them', () => {
    expect(countDue({ from: '2026-11-25', amount: 30, unit: 'days' }, calendars)).toEqual({
      dueDate: '2026-12-25',
      provisional: false,
    });
    expect(countDue({ from: '2026-08-31', amount: 6, unit: 'months' }, calendars)).toEqual({
      dueDate: '2027-02-28',
      provisional: false,
    });
  });

  it('cuts construction and O&M funds for ART29-FILING and O&M funds for ART07-OM-FUNDING, nothing else', () => {
    expect(OBLIGATIONS['ART29-FILING']).toMatchObject({ cuts: ['construction', 'operations'], holdsFromStart: true });
    expect(OBLIGATIONS['ART07-OM-FUNDING']).toMatchObject({ cuts: ['operations'] });
    const cutting = Object.entries(OBLIGATIONS).filter(([, kind]) => kind.cuts.length > 0);
    expect(cutting.map(([code]) => code).sort()).toEqual(['ART07-OM-FUNDING', 'ART29-FILING']);
  });

  it('ART20-BASELINE: only a baseline milestone is waivable; procedures, deadlines and duties that cut funds are not (ART33-RECORDS)', () => {
    expect(isWaivable({ code: 'ART20-BASELINE', key: 'milestone-需求分析' })).toBe(true);
    expect(isWaivable({ code: 'ART20-BASELINE', key: 'planned-completion' })).toBe(false);
    for (const code of [
      'ART14-BUDGET-FILING',
      'ART15-EMERGENCY',
      'ART27-ACCEPTANCE-DEADLINE',
      'ART29-FILING',
      'ART30-SELF-EVALUATION',
      'ART32-DISPOSAL-REPORT',
      'ART07-OM-FUNDING',
      'ART24-SECURITY',
    ] as const) {
      expect(isWaivable({ code, key: 'milestone-x' }), code).toBe(false);
    }
    const waivable = Object.entries(OBLIGATIONS).filter(([, kind]) => kind.waivable !== false);
    expect(waivable.map(([code]) => code)).toEqual(['ART20-BASELINE']);
  });

  it('counts each duty of the catalogue in its own unit (ART27 in months, ART32 in days, ART14 in working days)', () => {
    expect(OBLIGATIONS['ART27-ACCEPTANCE-DEADLINE']).toMatchObject({ unit: 'months' });
    expect(OBLIGATIONS['ART27-ACCEPTANCE-DEADLINE']?.period(DEFAULT_POLICY)).toBe(6);
    expect(OBLIGATIONS['ART32-DISPOSAL-REPORT']).toMatchObject({ unit: 'days' });
    expect(OBLIGATIONS['ART14-BUDGET-FILING']).toMatchObject({ unit: 'working-days' });
    expect(OBLIGATIONS['ART14-BUDGET-FILING']?.period(DEFAULT_POLICY)).toBe(3);
  });

  it('says in the ART15-EMERGENCY duty that its 30 working days are a policy choice', () => {
    expect(OBLIGATIONS['ART15-EMERGENCY']?.en).toMatch(/policy setting: article 15 sets none/);
    expect(OBLIGATIONS['ART15-EMERGENCY']?.period(DEFAULT_POLICY)).toBe(30);
  });
});

describe('ART15-EMERGENCY', () => {
  const project = (overrides: Partial<Project>) =>
    ({
      stage: 'draft',
      emergency: { eventType: 'natural-disaster', justification: '灾后' },
      constructionStartedAt: '2026-11-01T00:00:00.000Z',
      rounds: {},
      openReviews: [],
      keyProject: false,
      involvesConstruction: false,
      totalInvestmentFen: 1,
      approvedBy: [],
      approvedBudgetFen: null,
      ...overrides,
    }) as Project;
  const running = (passed: Project['openReviews']) => ({ approval: { ...runningRound(1), passed } });

  it('owes every procedure an emergency project skipped, until each is done in the running round', () => {
    expect(owedProcedures(project({ keyProject: true, totalInvestmentFen: 60_000_000 }), DEFAULT_POLICY)).toEqual([
      'declaration',
      'tech-review',
      'project-approval',
      'finance-review',
    ]);
    expect(owedProcedures(project({ stage: 'tech-review', rounds: running([]) }), DEFAULT_POLICY)).toEqual([
      'tech-review',
    ]);
    // The window after the technical review approved and before the next review opens owes only what can still be done.
    expect(
      owedProcedures(
        project({ stage: 'tech-review', rounds: running(['tech-review']), totalInvestmentFen: 60_000_000 }),
        DEFAULT_POLICY,
      ),
    ).toEqual(['finance-review']);
    expect(owedProcedures(project({ stage: 'construction' }), DEFAULT_POLICY)).toEqual([]);
    expect(owedProcedures(project({ stage: 'rejected' }), DEFAULT_POLICY)).toEqual([]);
  });

  it('recounts ART15-EMERGENCY duties when the project changes: an edit opens or cancels, a rejection cancels', () => {
    const duties = [
      { code: 'ART15-EMERGENCY' as const, key: 'declaration', status: 'open' as const },
      { code: 'ART15-EMERGENCY' as const, key: 'tech-review', status: 'open' as const },
      { code: 'ART15-EMERGENCY' as const, key: 'finance-review', status: 'open' as const },
    ];
    // Edited below the finance threshold, and made a key project.
    expect(emergencyDutyChanges(project({ keyProject: true }), duties, DEFAULT_POLICY)).toEqual({
      open: ['project-approval'],
      cancel: ['finance-review'],
    });
    expect(emergencyDutyChanges(project({ stage: 'rejected' }), duties, DEFAULT_POLICY)).toEqual({
      open: [],
      cancel: ['declaration', 'tech-review', 'finance-review'],
    });
    // A procedure done in the running round is fulfilled by the action that did it, never cancelled by the count.
    expect(
      emergencyDutyChanges(
        project({ stage: 'tech-review', rounds: running(['tech-review']) }),
        duties.slice(1, 2),
        DEFAULT_POLICY,
      ),
    ).toEqual({ open: [], cancel: [] });
  });
});
