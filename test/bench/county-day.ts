import { routes } from '#functions/api/routes.ts';
import type { Role } from '#shared/domain/roles.ts';

/**
 * A county's working day, generated from a seed: who uses the API, when, and for what. The
 * departments (建设单位) own projects spread over the stages of the lifecycle; their staff and
 * heads open the console a few times a day, look at their projects and file what the project's
 * stage asks for; the bureaus work through their review queues; audit reads; the administrator
 * and the Data Bureau do the rare things (calendar, annual plan, departments, exports, a sweep).
 * Office hours are 08:30–12:00 and 14:00–17:30 Asia/Shanghai, with a few people working through
 * the lunch lull. A page fires its reads together, as the console does.
 */

/** One request of the day: seconds after 00:00 Asia/Shanghai, and the route's id. */
export interface DayRequest {
  readonly at: number;
  readonly route: string;
}

/** A small seeded generator (mulberry32): the same seed, the same day. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** Exponentially distributed, with this mean. */
    exp: (mean: number) => -mean * Math.log(1 - next()),
  };
};
type Random = ReturnType<typeof generator>;

const hm = (h: number, m: number) => h * 3600 + m * 60;
/** When sessions begin: the morning and the afternoon, and a lull at lunch (relative weights). */
const SESSION_WINDOWS = [
  { from: hm(8, 30), to: hm(10, 0), weight: 3 },
  { from: hm(10, 0), to: hm(12, 0), weight: 3.5 },
  { from: hm(12, 0), to: hm(14, 0), weight: 0.35 },
  { from: hm(14, 0), to: hm(16, 0), weight: 3.5 },
  { from: hm(16, 0), to: hm(17, 30), weight: 2 },
];
const sessionStart = (random: Random) => {
  const total = SESSION_WINDOWS.reduce((sum, w) => sum + w.weight, 0);
  let pick = random.next() * total;
  for (const window of SESSION_WINDOWS) {
    if (pick < window.weight) return window.from + random.next() * (window.to - window.from);
    pick -= window.weight;
  }
  return hm(9, 0);
};

/** The stages a county's projects stand at, by share (an assumption, written down here). */
const STAGE_SHARES = [
  ['draft', 0.1],
  ['tech-review', 0.06],
  ['approved', 0.06],
  ['procurement', 0.12],
  ['construction', 0.3],
  ['acceptance', 0.1],
  ['operations', 0.24],
  ['decommissioned', 0.02],
] as const;
type Stage = (typeof STAGE_SHARES)[number][0];

/** What a department's staff file at each stage: one of these, when a session ends in an action. */
const FILINGS: Record<Stage, readonly (readonly string[])[]> = {
  draft: [
    ['updateProject'],
    ['requestDocumentUpload', 'getDocument'],
    ['requestDocumentUpload', 'requestDocumentUpload', 'submitProject'],
    ['countWorkingDays', 'updateProject'],
  ],
  'tech-review': [['listTasks', 'getTask'], ['listChanges']],
  approved: [['requestDocumentUpload', 'fileBudget']],
  procurement: [
    ['requestDocumentUpload', 'fileProcurementPlan'],
    ['publishProcurementNotice'],
    ['requestDocumentUpload', 'recordContract', 'listContracts'],
    ['putImplementation'],
    ['startConstruction'],
  ],
  construction: [
    ['reportMilestone'],
    ['requestDocumentUpload', 'reportMilestone'],
    ['putAssets'],
    ['requestDocumentUpload', 'recordSecurity'],
    ['proposeChange', 'listChanges'],
    ['requestDocumentUpload', 'completeConstruction'],
  ],
  acceptance: [
    ['requestDocumentUpload', 'preliminaryAcceptance'],
    ['requestDocumentUpload', 'fileAcceptance'],
    ['selfEvaluate'],
  ],
  operations: [['requestDocumentUpload', 'reportOperations'], ['reportDisposal'], ['decommission']],
  decommissioned: [['listProjectEvents']],
};

/** A project's page: the project and, together, what the console shows beside it. */
const PROJECT_PAGE = ['getProject', 'listDocuments', 'listObligations', 'getFunding'] as const;
const PROJECT_TABS = ['listPhaseRecords', 'listProjectEvents', 'listChanges', 'listContracts', 'listTasks'];

export interface CountyShape {
  readonly departments: number;
  readonly projectsPerDepartment: number;
  readonly staffPerDepartment: number;
  readonly headsPerDepartment: number;
  readonly bureau: Readonly<Partial<Record<Role, number>>>;
}

/** A county of Lingchuan's size: 300 projects a year, about 200 users (docs/cost.md). */
export const COUNTY_SHAPE: CountyShape = {
  departments: 16,
  projectsPerDepartment: 40,
  staffPerDepartment: 8,
  headsPerDepartment: 2,
  bureau: { 'data-bureau': 8, 'approval-bureau': 4, finance: 5, drc: 3, 'public-security': 3, audit: 3, admin: 1 },
};

/**
 * One working day of the county, in time order. Each user opens the console a few times (a
 * session: the home page's reads, a project or two, sometimes an action), with think times
 * between pages; reads a page fires together arrive in the same second.
 */
export const countyDay = (seed: number, shape: CountyShape = COUNTY_SHAPE): DayRequest[] => {
  const random = generator(seed);
  const requests: DayRequest[] = [];
  const stageOf = () => {
    let pick = random.next();
    for (const [stage, share] of STAGE_SHARES) {
      if (pick < share) return stage;
      pick -= share;
    }
    return 'construction' as Stage;
  };
  const departments = Array.from({ length: shape.departments }, () =>
    Array.from({ length: shape.projectsPerDepartment }, stageOf),
  );

  /** A session from `start`: pages one after another, each page's reads at once. */
  const session = (start: number, pages: (readonly string[])[]) => {
    let at = start;
    for (const page of pages) {
      for (const route of page) requests.push({ at, route });
      at += 4 + random.exp(25);
    }
  };
  const home = (role: Role): string[] => [
    'listProjects',
    'listDepartments',
    ...(role === 'dept-staff' || role === 'dept-head' ? ['listTasks'] : ['listTasks', 'listFindings']),
  ];
  const projectPage = (): string[] => [...PROJECT_PAGE, ...(random.chance(0.4) ? [random.pick(PROJECT_TABS)] : [])];

  for (const projects of departments) {
    const people: Role[] = [
      ...Array.from({ length: shape.staffPerDepartment }, () => 'dept-staff' as const),
      ...Array.from({ length: shape.headsPerDepartment }, () => 'dept-head' as const),
    ];
    for (const role of people) {
      for (let s = random.int(1, 4); s > 0; s--) {
        const pages: (readonly string[])[] = [home(role)];
        for (let p = random.int(1, 3); p > 0; p--) {
          const stage = random.pick(projects);
          pages.push(projectPage());
          if (random.chance(0.25)) pages.push(['downloadDocument']);
          if (random.chance(role === 'dept-head' ? 0.2 : 0.35)) {
            for (const route of random.pick(FILINGS[stage])) pages.push([route]);
          }
          if (role === 'dept-head' && stage === 'draft' && random.chance(0.3)) pages.push(['signOffProject']);
          if (role === 'dept-head' && random.chance(0.05)) pages.push(['confirmProject']);
          if (role === 'dept-head' && random.chance(0.03)) pages.push(['recordSecurityDrill']);
        }
        if (random.chance(0.04)) pages.push(['createProject']);
        if (random.chance(0.1))
          pages.push([random.pick(['getAnnualPlan', 'getPolicy', 'getCalendarYear', 'listSecurityDrills'])]);
        session(sessionStart(random), pages);
      }
    }
  }

  const reviewers: Role[] = ['data-bureau', 'approval-bureau', 'finance', 'drc'];
  for (const [role, count] of Object.entries(shape.bureau) as [Role, number][]) {
    for (let person = 0; person < count; person++) {
      for (let s = random.int(2, 6); s > 0; s--) {
        const pages: (readonly string[])[] = [home(role)];
        if (reviewers.includes(role)) {
          // The review queue: a task, its project and documents, and most often a decision.
          for (let t = random.int(0, 3); t > 0; t--) {
            pages.push(['getTask'], projectPage(), ['downloadDocument']);
            if (random.chance(0.2)) pages.push(['requestDocumentUpload']);
            if (random.chance(0.7)) pages.push(['decideTask']);
          }
        } else if (role === 'public-security') {
          pages.push(projectPage(), ['listPhaseRecords']);
          if (random.chance(0.3)) pages.push(['confirmSecurity']);
        } else if (role === 'audit') {
          pages.push(projectPage(), ['listProjectEvents'], ['listProjectAccountability']);
          if (random.chance(0.3)) pages.push(['verifyProjectEvents']);
          if (random.chance(0.2)) pages.push(['listAccountability']);
          if (random.chance(0.05)) pages.push(['recordAccountability']);
        } else {
          pages.push(projectPage());
        }
        if (role === 'data-bureau' || role === 'finance' || role === 'audit' || role === 'admin') {
          if (random.chance(0.25)) pages.push(['getPortfolio']);
          if (random.chance(0.05)) pages.push([random.pick(['exportProjectsCsv', 'exportProjectsXlsx'])]);
        }
        if (role === 'data-bureau' && random.chance(0.05))
          pages.push([random.pick(['waiveObligation', 'putAnnualPlan'])]);
        if (role === 'admin' || role === 'data-bureau') {
          if (random.chance(0.03)) pages.push([random.pick(['putDepartment', 'runSweep', 'putCalendarYear'])]);
        }
        if (random.chance(0.01)) pages.push(['getOpenApi']);
        session(sessionStart(random), pages);
      }
    }
  }

  const known = new Set(routes.map((route) => route.id));
  const unknown = requests.filter((request) => !known.has(request.route));
  if (unknown.length > 0) throw new Error(`The county's day names routes that do not exist: ${unknown[0]?.route}`);
  return requests.sort((a, b) => a.at - b.at);
};
