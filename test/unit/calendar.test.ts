import { describe, expect, it } from 'vitest';
import { addMonths, addWorkingDays, type CalendarYear, shanghaiDate } from '#shared/domain/calendar.ts';
import { officialYear } from '#shared/store/calendar-repository.ts';

const official2026 = officialYear(2026) as CalendarYear;
const calendars = new Map([[2026, official2026]]);

describe('working-day calendar (official 2026 arrangement)', () => {
  it.each([
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-09-01', 30, '2026-10-19'],
  ])('from %s, %i working days → %s', (from, days, due) => {
    expect(addWorkingDays(from, days, calendars)).toEqual({ due, provisional: false });
  });

  it('counts into 2027 on weekends only and flags it provisional until 2027 is loaded', () => {
    const before = addWorkingDays('2026-12-30', 3, calendars);
    expect(before).toEqual({ due: '2027-01-04', provisional: true });
    const with2027 = new Map(calendars).set(2027, {
      year: 2027,
      holidays: ['2027-01-01', '2027-01-04'],
      workdays: [],
      official: false,
    });
    expect(addWorkingDays('2026-12-30', 3, with2027)).toEqual({ due: '2027-01-06', provisional: false });
  });

  it('seeds 2026 from the official arrangement, make-up working days included', () => {
    expect(official2026.holidays).toContain('2026-10-01');
    expect(official2026.workdays).toEqual(
      expect.arrayContaining(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
    );
  });

  it('takes the day in Asia/Shanghai and adds calendar months clamped to the month end', () => {
    expect(shanghaiDate(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
});
