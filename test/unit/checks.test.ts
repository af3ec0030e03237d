import { describe, expect, it } from 'vitest';
import { addMonths } from '#shared/domain/calendar.ts';
import { drillDueDate, drillFinding, owesDrills } from '#shared/domain/drills.ts';
import { DEFAULT_POLICY, policyChoices } from '#shared/domain/policy.ts';
import { scopeViolations } from '#shared/domain/rules/declaration.ts';
import { projectBody } from '../support/project-body.ts';

describe('checks the measures ask more than once', () => {
  it('ART24-SECURITY: a drill is due a window after the last drill, or after the department started building', () => {
    const start = '2030-03-01';
    expect(drillDueDate(start, [], 12)).toBe(addMonths(start, 12));
    expect(drillDueDate(start, [{ on: '2030-07-15' }, { on: '2030-05-01' }], 12)).toBe(addMonths('2030-07-15', 12));
    // A drill before the department owed one does not move the date back.
    expect(drillDueDate(start, [{ on: '2029-01-01' }], 12)).toBe(addMonths(start, 12));
  });

  it('ART24-SECURITY: a department owes drills for projects building, in acceptance or operations, and an emergency building before approval', () => {
    expect(owesDrills({ stage: 'construction', constructionStartedAt: 'x' })).toBe(true);
    expect(owesDrills({ stage: 'operations', constructionStartedAt: null })).toBe(true);
    expect(owesDrills({ stage: 'draft', constructionStartedAt: null })).toBe(false);
    expect(owesDrills({ stage: 'draft', constructionStartedAt: '2030-01-01T00:00:00Z' })).toBe(true);
    expect(owesDrills({ stage: 'decommissioned', constructionStartedAt: 'x' })).toBe(false);
    const finding = drillFinding('edu', '2031-03-01', 'now', 12);
    expect(finding).toMatchObject({ code: 'ART24-SECURITY', article: 24, key: 'drill', holds: [], ownerDeptId: 'edu' });
  });

  it('ART24-SECURITY: the drill period is a policy choice, named with the article that leaves it open', () => {
    expect(DEFAULT_POLICY.drillWindowMonths).toBe(12);
    expect(policyChoices()).toContainEqual(expect.objectContaining({ setting: 'drillWindowMonths', article: 24 }));
  });

  it('ART02-SCOPE-KIND: a project of another category (第二条 等) is declared with its description', () => {
    const body = projectBody({ category: 'other' }) as Parameters<typeof scopeViolations>[0];
    expect(scopeViolations(body, 'edu').map((v) => [v.code, v.path])).toEqual([
      ['ART02-SCOPE-KIND', 'categoryDescription'],
    ]);
    expect(scopeViolations({ ...body, categoryDescription: '政务数据安全态势感知服务' }, 'edu')).toEqual([]);
  });
});
