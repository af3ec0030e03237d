import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, sealEvent, verifyChain } from '#shared/domain/audit-chain.ts';
import { skippedProcedures } from '#shared/domain/emergency.ts';
import { countDue, daysLate, FUNDING_CUTS, isLate } from '#shared/domain/obligation.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { Project } from '#shared/domain/project.schema.ts';

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
    expect(verifyChain([events[0], events[2]] as never)).toMatchObject({ valid: false, brokenAt: 2 });
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
    expect(FUNDING_CUTS['ART29-FILING']).toEqual(['construction', 'operations']);
    expect(FUNDING_CUTS['ART07-OM-FUNDING']).toEqual(['operations']);
    expect(FUNDING_CUTS['ART14-BUDGET-FILING']).toBeUndefined();
  });
});

describe('ART15-EMERGENCY', () => {
  const project = (overrides: Partial<Project>) =>
    ({
      stage: 'draft',
      openReviews: [],
      keyProject: false,
      involvesConstruction: false,
      totalInvestmentFen: 1,
      ...overrides,
    }) as Project;

  it('keeps every procedure an emergency project skipped open', () => {
    expect(skippedProcedures(project({ keyProject: true, totalInvestmentFen: 60_000_000 }), DEFAULT_POLICY)).toEqual([
      'declaration',
      'tech-review',
      'project-approval',
      'finance-review',
    ]);
    expect(skippedProcedures(project({ stage: 'tech-review' }), DEFAULT_POLICY)).toEqual(['tech-review']);
    expect(
      skippedProcedures(project({ stage: 'approval-review', openReviews: ['finance-review'] }), DEFAULT_POLICY),
    ).toEqual(['finance-review']);
    expect(skippedProcedures(project({ stage: 'approved' }), DEFAULT_POLICY)).toEqual([]);
  });
});
