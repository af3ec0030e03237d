import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '#shared/domain/calendar.ts';
import { call, tokenFor } from './support/client.ts';
import { BASELINE } from './support/lifecycle.ts';
import { createProject, emergencyBody, people, uniqueDept } from './support/scenario.ts';

type Obligation = { code: string; key: string; dueDate: string; provisional: boolean };

describe('the working-day calendar over HTTP', () => {
  it('serves the official 2026 arrangement and counts working days with it', async () => {
    const token = await tokenFor({ roles: ['dept-staff'], dept: 'cal', sub: 'cal' });
    const year = await call<{ official: boolean; workdays: string[] }>('GET', '/v1/calendar/2026', { token });
    expect(year.body.official).toBe(true);
    expect(year.body.workdays).toContain('2026-10-10');
    const count = await call('GET', '/v1/calendar/working-days?from=2026-09-30&add=3', { token });
    expect(count.body).toEqual({ from: '2026-09-30', add: 3, due: '2026-10-10', provisional: false });
    expect((await call('GET', '/v1/calendar/working-days?from=2026-02-30&add=3', { token })).status).toBe(400);
  });

  it('counts into a year with no calendar provisionally until it is loaded (2027, and the year the procedures fall in), then counts the open obligations again', async () => {
    const token = await tokenFor({ roles: ['dept-staff'], dept: 'cal', sub: 'cal' });
    const before = await call<{ provisional: boolean }>('GET', '/v1/calendar/working-days?from=2026-12-30&add=3', {
      token,
    });
    expect(before.body.provisional).toBe(true);

    // An emergency project starting today owes its procedures within 30 working days: into a year
    // with no official calendar (chinese-days carries them up to 2026).
    const { staff, head } = people(uniqueDept('cal-emergency'));
    const project = await createProject(await staff(), {
      emergency: emergencyBody({ eventType: 'public-health', justification: '疫情应急' }),
    });
    await call('POST', `/v1/projects/${project.id}/construction-start`, {
      token: await head(),
      body: { baseline: BASELINE },
    });
    // Its ART15 duties run in working days (its baseline's ART20 dates are calendar dates).
    const obligations = async () =>
      (
        await call<{ items: Obligation[] }>('GET', `/v1/projects/${project.id}/obligations?limit=200`, {
          token: await staff(),
        })
      ).body.items
        // The procedures' 30 working days (the collective decision's 3 may end within this year).
        .filter((o) => o.code === 'ART15-EMERGENCY' && o.key !== 'emergency-decision');
    const counted = await obligations();
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.map((o) => o.provisional)).toEqual(counted.map(() => true));

    const admin = await tokenFor({ roles: ['admin'], sub: 'cal-admin' });
    const holidays = [
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ];
    expect(
      (await call('PUT', '/v1/calendar/2027', { token: await staff(), body: { holidays, workdays: [] } })).status,
    ).toBe(403);
    const load = (year: number, body: { holidays: string[]; workdays: string[] }) =>
      call<{ recounted: number }>('PUT', `/v1/calendar/${year}`, { token: admin, body });
    const loaded = await load(2027, { holidays, workdays: ['2027-02-20'] });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    const due = String(counted[0]?.dueDate);
    const dueYear = Number(due.slice(0, 4));
    if (dueYear === 2027) {
      expect(loaded.body.recounted).toBeGreaterThanOrEqual(1);
    } else {
      // Today moved on (npm run test:dates): the procedures fall in a later year, loaded with the
      // weekdays up to their due date as holidays, which moves every one of them.
      const days: string[] = [];
      for (let day = due; days.length < 5 && day.startsWith(String(dueYear)); day = addCalendarDays(day, -1)) {
        if (![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) days.push(day);
      }
      const later = await load(dueYear, { holidays: days.sort(), workdays: [] });
      expect(later.status, JSON.stringify(later.body)).toBe(200);
      expect(later.body.recounted).toBeGreaterThanOrEqual(1);
    }
    const recounted = await obligations();
    expect(recounted.map((o) => o.provisional)).toEqual(counted.map(() => false));
    // The project's trail says who moved the date, from what to what, under which rule (ART33-RECORDS).
    type Trail = { items: { action: string; actor: { sub: string }; details: Record<string, unknown> }[] };
    const trail = await call<Trail>('GET', `/v1/projects/${project.id}/events?limit=200`, { token: await staff() });
    // (Under test:dates the collective decision's 3 days fall in that year too, and are recounted beside them.)
    const countedKeys = new Set(counted.map((o) => o.key));
    const redated = trail.body.items.filter(
      (e) => e.action === 'obligation.redated' && countedKeys.has(String(e.details.key)),
    );
    expect(
      redated.map((e) => [e.actor.sub, e.details.code, e.details.key, e.details.from, e.details.to]).sort(),
    ).toEqual(
      counted
        .map((o) => ['cal-admin', 'ART15-EMERGENCY', o.key, o.dueDate, recounted.find((r) => r.key === o.key)?.dueDate])
        .sort(),
    );
    const after = await call('GET', '/v1/calendar/working-days?from=2026-12-30&add=3', { token });
    expect(after.body).toEqual({ from: '2026-12-30', add: 3, due: '2027-01-05', provisional: false });
  });
});
