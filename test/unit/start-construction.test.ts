import { describe, expect, it } from 'vitest';
import { addMonths, shanghaiDate } from '#shared/domain/calendar.ts';
import type { Baseline } from '#shared/domain/construction.ts';
import { ConflictError, ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { startConstruction } from '#shared/use-cases/construction/start-construction.ts';
import { actorOf, inMemoryPorts, storedProject } from '../support/in-memory-ports.ts';
import { emergencyBody } from '../support/project-body.ts';
import { codesOf } from '../support/refusals.ts';

const now = new Date();
const today = shanghaiDate(now);
const owner = actorOf('dept-a');
const head = actorOf('dept-a', { sub: 'dept-a-head', roles: ['dept-head'] });

/** A baseline from Lingchuan's today: two milestones within a year, within the approved budget. */
const baseline = (overrides: Partial<Baseline> = {}): Baseline => ({
  plannedCompletionOn: addMonths(today, 12),
  milestones: [
    { name: '需求分析', dueOn: addMonths(today, 2), plannedSpentFen: 1_000_000 },
    { name: '上线试运行', dueOn: addMonths(today, 11), plannedSpentFen: 5_000_000 },
  ],
  ...overrides,
});

const onRecord = (overrides: Partial<Project> = {}) => {
  const ports = inMemoryPorts(now);
  ports.arrange.project(storedProject({ stage: 'procurement', approvedBudgetFen: 50_000_000, ...overrides }));
  return ports;
};

describe('starting construction with its baseline, on in-memory ports', () => {
  it('refuses a baseline whose completion lies before today (ART20-BASELINE), before reading anything', async () => {
    const { deps } = onRecord();
    await expect(
      startConstruction(
        { id: 'p1', actor: owner, baseline: baseline({ plannedCompletionOn: addMonths(today, -1) }) },
        deps,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a second start (ART20-BASELINE: construction starts once)', async () => {
    const { deps } = onRecord({ stage: 'construction', constructionStartedAt: now.toISOString() });
    await expect(startConstruction({ id: 'p1', actor: owner, baseline: baseline() }, deps)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses a baseline planning more than the approved budget (ART20-BASELINE)', async () => {
    const { deps } = onRecord({ approvedBudgetFen: 2_000_000 });
    expect(await codesOf(startConstruction({ id: 'p1', actor: owner, baseline: baseline() }, deps))).toEqual([
      'ART20-BASELINE',
    ]);
  });

  it('refuses to build before approval (ART07-NO-BUILD-BEFORE-APPROVAL)', async () => {
    const { deps } = onRecord({ stage: 'tech-review' });
    expect(await codesOf(startConstruction({ id: 'p1', actor: owner, baseline: baseline() }, deps))).toEqual([
      'ART07-NO-BUILD-BEFORE-APPROVAL',
    ]);
  });

  it('lists every gate missing at once: ART17-NO-BUILD-BEFORE-TENDER, ART19-RESPONSIBLE, ART23-SUPERVISION', async () => {
    const { deps, saved } = onRecord();
    const codes = await codesOf(startConstruction({ id: 'p1', actor: owner, baseline: baseline() }, deps));
    expect(codes).toEqual(
      expect.arrayContaining(['ART17-NO-BUILD-BEFORE-TENDER', 'ART19-RESPONSIBLE', 'ART23-SUPERVISION']),
    );
    expect(saved).toEqual([]);
  });

  it('lets only the head start an emergency project that skips its gates (ART15-EMERGENCY, ART10)', async () => {
    const { deps } = onRecord({
      emergency: { ...emergencyBody(), declaredTotalFen: null, confirmation: null } as Project['emergency'],
    });
    await expect(startConstruction({ id: 'p1', actor: owner, baseline: baseline() }, deps)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('starts an emergency project on its head’s word: each skipped item an ART15-EMERGENCY duty, the confirmation opened', async () => {
    const { deps, saved, started, read } = onRecord({
      emergency: { ...emergencyBody(), declaredTotalFen: null, confirmation: null } as Project['emergency'],
    });
    await startConstruction({ id: 'p1', actor: head, baseline: baseline() }, deps);
    expect(saved.map((c) => c.action)).toEqual(['construction.started']);
    const duties = read.obligations().filter((o) => o.code === 'ART15-EMERGENCY');
    expect(duties.length).toBeGreaterThan(2);
    expect(started).toEqual([{ workflow: 'emergency', projectId: 'p1', round: 1 }]);
    expect(read.project('p1')?.emergency?.confirmation?.status).toBe('pending');
  });
});
