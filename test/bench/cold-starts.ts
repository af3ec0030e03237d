import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { routes } from '#functions/api/routes.ts';
import { PROJECT_ROOT } from '#infra/constructs/house-function.ts';
import { resourceEntrySource, writeResourceEntry } from '#infra/constructs/resource-entry.ts';
import { resourceOf } from '#shared/http/route.ts';
import { HOUSE_BUILD_OPTIONS } from '../support/bundle-budget.ts';
import { initOnce } from './bundles.ts';
import { countyDay, type DayRequest } from './county-day.ts';
import { median } from './stats.ts';

/** Fresh processes per build (`BENCH_COLD_RUNS`), county days replayed (`BENCH_COLD_DAYS`), from this seed. */
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const DAYS = Number(process.env.BENCH_COLD_DAYS ?? 5);
const SEED = Number(process.env.BENCH_COLD_SEED ?? 20261205);
/** AWS documents no idle-eviction time: three guesses around what is reported. */
const EVICTIONS_MIN = [5, 15, 45];
/** A warm invocation's duration: it only decides whether two requests overlap (and so need two instances). */
const WARM_MS = 150;

/** Targets of issue #19, at 15 minutes. */
const TARGET_COLD_RATIO = 0.35;
const TARGET_INIT_RATIO = 1.25;

type Layout = 'per-route' | 'per-resource' | 'one function';
interface Replay {
  readonly coldStarts: number;
  /** Cold starts while the function had warm instances, all busy: requests that arrived together. */
  readonly whileBusy: number;
  readonly requests: number;
  readonly coldMs: number;
}

/**
 * One day's requests against one layout: each function keeps warm instances that serve one request
 * at a time and are evicted after `evictionMs` idle; a request no warm idle instance can take starts
 * one, paying that function's measured init.
 */
const replay = (
  day: readonly DayRequest[],
  functionOf: (route: string) => string,
  initMs: (fn: string) => number,
  evictionMs: number,
): Replay => {
  const instances = new Map<string, { freeAt: number }[]>();
  let coldStarts = 0;
  let whileBusy = 0;
  let coldMs = 0;
  for (const request of day) {
    const at = request.at * 1000;
    const fn = functionOf(request.route);
    const alive = (instances.get(fn) ?? []).filter((instance) => at - instance.freeAt <= evictionMs);
    const idle = alive.filter((instance) => instance.freeAt <= at).sort((a, b) => b.freeAt - a.freeAt)[0];
    if (idle) {
      idle.freeAt = at + WARM_MS;
    } else {
      const init = initMs(fn);
      coldStarts++;
      if (alive.length > 0) whileBusy++;
      coldMs += init;
      alive.push({ freeAt: at + init + WARM_MS });
    }
    instances.set(fn, alive);
  }
  return { coldStarts, whileBusy, requests: day.length, coldMs };
};

/**
 * Issue #19, item 2: the cold starts a county's working day meets with one function per route,
 * one per resource folder (what deploys), and one for the whole API. Every function's init is
 * measured here, in fresh processes, from bundles built as `cdk synth` builds them; the days are
 * generated from a seed (test/bench/county-day.ts) and replayed against each layout and three
 * idle-eviction times. Only the API's requests are counted: the workflow, sweep and document
 * functions are one each in every layout.
 */
export const benchColdStarts = async () => {
  const outdir = mkdtempSync(path.join(PROJECT_ROOT, '.local-bench-cold-'));
  try {
    const bundle = async (name: string, entry: string) => {
      const outfile = path.join(outdir, name, 'index.mjs');
      await build({ ...HOUSE_BUILD_OPTIONS, entryPoints: [entry], outfile });
      return outfile;
    };
    const perRoute = new Map<string, string>();
    for (const route of routes) {
      perRoute.set(
        route.id,
        await bundle(`route-${route.id}`, path.join(PROJECT_ROOT, `functions/api/${route.handler}.handler.ts`)),
      );
    }
    const byResource = Map.groupBy(routes, resourceOf);
    const perResource = new Map<string, string>();
    for (const [resource, declared] of byResource) {
      perResource.set(
        resource,
        await bundle(`resource-${resource}`, path.join(PROJECT_ROOT, writeResourceEntry(resource, declared))),
      );
    }
    mkdirSync(path.join(outdir, 'all'));
    const allEntry = path.join(outdir, 'all', 'all.function.ts');
    writeFileSync(allEntry, resourceEntrySource(routes, 'functions/api/routes.ts (every route)'));
    const whole = await bundle('one', allEntry);

    // Rounds over every build in turn, so that this shared machine's drift falls on all alike.
    const builds = [
      ...[...perRoute].map(([id, file]) => ({ key: `route:${id}`, file })),
      ...[...perResource].map(([id, file]) => ({ key: `resource:${id}`, file })),
      { key: 'one', file: whole },
    ];
    const samples = new Map<string, number[]>(builds.map((b) => [b.key, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const { key, file } of builds) samples.get(key)?.push(initOnce(file).cpu);
    }
    const init = new Map([...samples].map(([key, cpu]) => [key, median(cpu)]));
    const initOf = (key: string) => init.get(key) ?? Number.NaN;
    const routeMedian = median(routes.map((route) => initOf(`route:${route.id}`)));

    const resourceOfRoute = new Map(routes.map((route) => [route.id, resourceOf(route)]));
    const layouts: Record<Layout, { functionOf: (route: string) => string; initMs: (fn: string) => number }> = {
      'per-route': { functionOf: (route) => `route:${route}`, initMs: initOf },
      'per-resource': { functionOf: (route) => `resource:${resourceOfRoute.get(route)}`, initMs: initOf },
      'one function': { functionOf: () => 'one', initMs: initOf },
    };

    const days = Array.from({ length: DAYS }, (_, i) => countyDay(SEED + i));
    const requestsPerDay = days.reduce((sum, day) => sum + day.length, 0) / DAYS;
    const used = new Set(days.flatMap((day) => day.map((request) => request.route)));
    console.log(
      `\nCold starts a county meets, issue #19 (${DAYS} generated working days from seed ${SEED}: ${requestsPerDay.toFixed(0)} API requests a day on ${used.size} of ${routes.length} routes, 08:30–17:30 with a lunch lull;`,
    );
    console.log(
      `  init = median CPU ms of ${RUNS} fresh processes per bundle, built as cdk synth builds them; a warm request holds its instance ${WARM_MS} ms).`,
    );
    console.log(
      `  init: per-route median ${routeMedian.toFixed(0)} ms (min ${Math.min(...routes.map((r) => initOf(`route:${r.id}`))).toFixed(0)}, max ${Math.max(...routes.map((r) => initOf(`route:${r.id}`))).toFixed(0)}); one function for the whole API ${initOf('one').toFixed(0)} ms = ×${(initOf('one') / routeMedian).toFixed(2)} the per-route median`,
    );
    const resourceRatios = [...byResource.keys()].map((resource) => ({
      resource,
      ms: initOf(`resource:${resource}`),
      ratio: initOf(`resource:${resource}`) / routeMedian,
    }));
    console.log(
      `  per-resource init (× per-route median): ${resourceRatios.map((r) => `${r.resource} ${r.ms.toFixed(0)} ms ×${r.ratio.toFixed(2)}`).join(', ')}`,
    );

    console.log(
      `  ${'eviction'.padEnd(9)} ${'layout'.padEnd(13)} ${'cold starts/day'.padStart(16)} ${'requests meeting one'.padStart(21)} ${'cold ms/day'.padStart(12)}  (cold starts beside a busy warm instance)`,
    );
    const at15: Partial<Record<Layout, Replay>> = {};
    for (const minutes of EVICTIONS_MIN) {
      for (const [layout, { functionOf, initMs }] of Object.entries(layouts) as [Layout, (typeof layouts)[Layout]][]) {
        const runs = days.map((day) => replay(day, functionOf, initMs, minutes * 60_000));
        const mean: Replay = {
          coldStarts: runs.reduce((sum, r) => sum + r.coldStarts, 0) / DAYS,
          whileBusy: runs.reduce((sum, r) => sum + r.whileBusy, 0) / DAYS,
          requests: runs.reduce((sum, r) => sum + r.requests, 0) / DAYS,
          coldMs: runs.reduce((sum, r) => sum + r.coldMs, 0) / DAYS,
        };
        if (minutes === 15) at15[layout] = mean;
        console.log(
          `  ${`${minutes} min`.padEnd(9)} ${layout.padEnd(13)} ${mean.coldStarts.toFixed(1).padStart(16)} ${`${((mean.coldStarts / mean.requests) * 100).toFixed(1)}%`.padStart(21)} ${mean.coldMs.toFixed(0).padStart(12)}  (${mean.whileBusy.toFixed(1)})`,
        );
      }
    }

    const route15 = at15['per-route'];
    const resource15 = at15['per-resource'];
    if (route15 && resource15) {
      const coldRatio = resource15.coldStarts / route15.coldStarts;
      const worstInit = resourceRatios.reduce((w, r) => (r.ratio > w.ratio ? r : w));
      const initMet = resourceRatios.filter((r) => r.ratio <= TARGET_INIT_RATIO).length;
      console.log(
        `  at 15 min: per-resource meets ×${coldRatio.toFixed(2)} the cold starts of per-route (target ≤ ${TARGET_COLD_RATIO}: ${coldRatio <= TARGET_COLD_RATIO ? 'met' : `MISSED by ${(coldRatio - TARGET_COLD_RATIO).toFixed(2)}: ${resource15.whileBusy.toFixed(0)} of its ${resource15.coldStarts.toFixed(0)} came beside a busy instance (a page's reads arriving together at one function), the rest after an idle spell such as the lunch lull`}); ${((resource15.coldStarts / resource15.requests) * 100).toFixed(1)}% of requests meet a cold start (per-route ${((route15.coldStarts / route15.requests) * 100).toFixed(1)}%)`,
      );
      console.log(
        `  resource init ≤ ${TARGET_INIT_RATIO}× the per-route median: ${initMet}/${resourceRatios.length} ${initMet === resourceRatios.length ? 'met' : `MISSED (worst ${worstInit.resource} ×${worstInit.ratio.toFixed(2)})`}`,
      );
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
