import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { call, tokenFor, useRuntime } from './support/client.ts';
import { doc, post, today, underConstruction } from './support/lifecycle.ts';
import {
  allOk,
  bureau,
  eventually,
  openTask,
  type Project,
  readyProject,
  TECH_CHECKLIST,
  taskIdOf,
} from './support/scenario.ts';
import {
  removeDataDir,
  type SeparateRuntime,
  separateDataDir,
  startSeparate,
  stopSeparate,
} from './support/separate-runtime.ts';

/**
 * Issue #22 item 1: a crash at any instant never strands a review. The runtime's own process
 * (gateway, functions, workflows) is killed with SIGKILL at seeded instants of a submission, a
 * decision, an acceptance round and a change's re-approval; DynamoDB Local runs apart and outlives
 * most kills, as DynamoDB outlives a Lambda crash, and goes down with three of them. After each
 * restart the sweep repairs what a crash stranded and a client retries what it never heard
 * answered; every acknowledged action must have reached its next state, every open review must
 * have exactly one open task, and no review two.
 */
const SEED = Number(process.env.RESTART_SEED ?? Date.now() % 1_000_000);
const KILLS = 20;
const KINDS = ['submit', 'decision', 'acceptance-round', 'change-reapproval'] as const;
type Kind = (typeof KINDS)[number];

/** mulberry32: the instants and the kills that take DynamoDB Local down follow from the seed alone. */
const random = (() => {
  let state = SEED >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
})();
/** From the request going out to well after its answer: before, during and after each write. */
const instants = Array.from({ length: KILLS }, () => Math.floor(random() * 400));
const databaseKills = new Set<number>();
while (databaseKills.size < 3) databaseKills.add(1 + Math.floor(random() * (KILLS - 1)));

const dataDir = separateDataDir('crash');
const databaseDir = path.join(dataDir, 'database');
const started: SeparateRuntime[] = [];
let database: DynamoDbLocal | undefined;

process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;

const startDatabase = async () => {
  database = await startDynamoDbLocal(databaseDir, { region: 'cn-north-1', quickStart: true });
};
const killDatabase = () => {
  const pid = Number(readFileSync(path.join(databaseDir, 'dynamodb.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
};

const startRuntime = async () => {
  const runtime = await startSeparate(dataDir, {
    LINGCHUAN_DYNAMODB_ENDPOINT: database?.endpoint ?? '',
  });
  started.push(runtime);
  useRuntime({ url: runtime.url, dataDir });
  return runtime;
};

const killRuntime = async (runtime: SeparateRuntime) => {
  const exited = new Promise((resolve) => runtime.child.once('exit', resolve));
  runtime.child.kill('SIGKILL');
  await exited;
};

afterAll(async () => {
  for (const { child } of started) await stopSeparate(child);
  await database?.stop();
  removeDataDir(dataDir);
});

const dataBureau = () => bureau('data-bureau', 'crash-reviewer');

/** One request, fired without waiting: answers whether (and how) it was answered before the kill. */
/**
 * One attempt of an action, as a portal sends it: with an Idempotency-Key, which its retry repeats,
 * so a retry of what had landed is answered as the first was (where the route takes the key).
 */
const fire = (method: string, url: string, token: string, body: unknown, idempotencyKey: string) => {
  let answer: { status: number; body: unknown } | undefined;
  const done = call(method, url, { token, body, headers: { 'idempotency-key': idempotencyKey } }).then(
    (response) => {
      answer = { status: response.status, body: response.body };
    },
    () => undefined,
  );
  return { answered: () => answer, done };
};

const projectOf = async (id: string) =>
  (
    await call<Project & { rounds: Record<string, { round: number; status: string }> }>('GET', `/v1/projects/${id}`, {
      token: await dataBureau(),
    })
  ).body;

/** Every open review of the project has its one open task; no task of its rounds is open that is not under review. */
const expectNoStrandedReview = async (id: string) => {
  const project = await projectOf(id);
  for (const kind of project.openReviews) {
    const workflow = kind.endsWith('acceptance') ? 'acceptance' : 'approval';
    const round = project.rounds[workflow]?.round ?? 0;
    const task = await eventually(async () => {
      const read = await call<{ status: string }>('GET', `/v1/tasks/${taskIdOf(id, round, kind, workflow)}`, {
        token: await dataBureau(),
      });
      return read.status === 200 && read.body.status === 'open' ? read.body : undefined;
    }, 30_000);
    expect(task.status, `${id} ${kind}`).toBe('open');
  }
};

/** The data bureau's queue holds at most one open task per project and review. */
const expectNoDuplicateTask = async () => {
  const queue = await call<{ items: { projectId: string; kind: string; round: number }[] }>(
    'GET',
    '/v1/tasks?limit=200',
    { token: await dataBureau() },
  );
  const seen = new Map<string, number>();
  for (const task of queue.body.items) {
    const key = `${task.projectId}/${task.kind}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
};

describe(`a crash never strands a review (issue #22, seed ${SEED}: RESTART_SEED=${SEED} replays it)`, () => {
  it(`kills the runtime ${KILLS} times (SIGKILL, DynamoDB Local too at kills ${[...databaseKills].sort((a, b) => a - b).join(', ')}) at instants ${instants.join('/')} ms of submissions, decisions, acceptance rounds and re-approvals; every acknowledged action reaches its next state, every open review has exactly one open task, every audit chain is valid`, async () => {
    await startDatabase();
    await startRuntime();

    // The subjects: projects to declare (and then decide), one under construction for changes, one completed for acceptance.
    const declarations = await Promise.all(
      Array.from({ length: KILLS / 4 }, (_, n) => readyProject({ totalInvestmentFen: 1_000_000 }, `crash-decl-${n}`)),
    );
    const [changing, accepting] = await Promise.all([
      underConstruction({}),
      underConstruction({}).then(async (built) => {
        await post(`/v1/projects/${built.project.id}/completion`, await built.staff(), { completedOn: today() }, 200);
        return built;
      }),
    ]);
    let changeRound = 1;
    let acceptanceRound = 0;
    const submitted: typeof declarations = [];

    for (let kill = 0; kill < KILLS; kill++) {
      const kind: Kind = KINDS[kill % KINDS.length] as Kind;
      const slot = Math.floor(kill / KINDS.length);
      const idempotencyKey = `crash-${SEED}-${kill}`;
      // Prepared before the window: documents verified, the task open. Only the action is in flight when the kill lands.
      let action: () => ReturnType<typeof fire>;
      let reached: () => Promise<unknown>;
      if (kind === 'submit') {
        const subject = declarations[slot] as (typeof declarations)[number];
        const token = await subject.staff();
        action = () => fire('POST', `/v1/projects/${subject.project.id}/submit`, token, undefined, idempotencyKey);
        reached = () => openTask(subject.project.id, 1, 'tech-review', token);
        submitted.push(subject);
      } else if (kind === 'decision') {
        const subject = submitted[slot] as (typeof declarations)[number];
        const reviewer = await dataBureau();
        await openTask(subject.project.id, 1, 'tech-review', reviewer);
        const opinion = await doc(subject.project.id, reviewer, 'tech-review-opinion');
        action = () =>
          fire(
            'POST',
            `/v1/tasks/${taskIdOf(subject.project.id, 1, 'tech-review')}/decision`,
            reviewer,
            {
              decision: 'approve',
              opinion: '技术审查通过',
              opinionDocumentId: opinion,
              checklist: TECH_CHECKLIST,
            },
            idempotencyKey,
          );
        reached = () =>
          eventually(
            async () => ((await projectOf(subject.project.id)).stage === 'approved' ? true : undefined),
            30_000,
          );
      } else if (kind === 'acceptance-round') {
        const token = await accepting.staff();
        const id = accepting.project.id;
        const body = {
          reportDocumentId: await doc(id, token, 'preliminary-acceptance-report'),
          passedOn: today(),
          evidence: {
            softwareTestReportDocumentId: await doc(id, token, 'software-test-report'),
            resourceSharingCatalogueDocumentId: await doc(id, token, 'resource-sharing-catalogue'),
            dataLandingDocumentId: await doc(id, token, 'data-landing-report'),
          },
        };
        acceptanceRound++;
        const round = acceptanceRound;
        action = () => fire('POST', `/v1/projects/${id}/preliminary-acceptance`, token, body, idempotencyKey);
        reached = () => openTask(id, round, 'tech-acceptance', token);
      } else {
        const token = await changing.staff();
        const head = await changing.head();
        const id = changing.project.id;
        const body = {
          reason: 'business-development',
          goalUnchanged: true,
          description: '扩展业务范围',
          descriptionDocumentId: await doc(id, token, 'change-description'),
          adjustedAmountFen: 5_000_000,
          newTotalInvestmentFen: 105_000_000,
          collectiveDecisionDocumentId: await doc(id, token, 'collective-decision'),
          expertOpinionDocumentId: await doc(id, token, 'expert-opinion'),
        };
        changeRound++;
        const round = changeRound;
        action = () => fire('POST', `/v1/projects/${id}/changes`, head, body, idempotencyKey);
        reached = () => openTask(id, round, 'tech-review', token);
      }

      const inFlight = action();
      await new Promise((resolve) => setTimeout(resolve, instants[kill]));
      const answer = inFlight.answered();
      await killRuntime(started.at(-1) as SeparateRuntime);
      if (databaseKills.has(kill)) {
        killDatabase();
        await startDatabase();
      }
      await startRuntime();
      await inFlight.done;

      if (answer) {
        // Acknowledged: it reached its next state, with no client retry.
        expect(answer.status, `kill ${kill} (${kind}): ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      } else {
        // Never answered: the client retries with the same Idempotency-Key; a retry of what had landed is
        // answered as the first was, or refused as a duplicate (409) where the route takes no key.
        const retried = action();
        await retried.done;
        expect([200, 201, 202, 409], `kill ${kill} (${kind}) retried: ${JSON.stringify(retried.answered())}`).toContain(
          retried.answered()?.status,
        );
      }
      // The sweep finds what a crash stranded (a round never started, a decision never delivered) and
      // repairs it. On a loaded machine the restarted runtime may still be replaying its executions
      // when the first sweep looks, so it sweeps once more, as the next night would, before failing.
      const sweep = async () => {
        const swept = await call('POST', '/v1/sweeps', { token: await dataBureau(), body: {} });
        expect(swept.status).toBe(200);
      };
      await sweep();
      await reached().catch(async () => {
        await sweep();
        await reached().catch((error: Error) => {
          throw new Error(`kill ${kill} (${kind}) never reached its next state after two sweeps: ${error.message}`);
        });
      });

      for (const id of [...submitted.map((s) => s.project.id), changing.project.id, accepting.project.id]) {
        await expectNoStrandedReview(id);
      }
      await expectNoDuplicateTask();

      // The round just opened ends (returned) outside the window, so the next one may begin.
      if (kind === 'acceptance-round') {
        const returned = await call(
          'POST',
          `/v1/tasks/${taskIdOf(accepting.project.id, acceptanceRound, 'tech-acceptance')}/decision`,
          {
            token: await dataBureau(),
            body: { decision: 'return', opinion: '补充材料', checklist: allOk('tech-acceptance') },
          },
        );
        expect(returned.status, JSON.stringify(returned.body)).toBe(200);
        await eventually(async () =>
          (await projectOf(accepting.project.id)).rounds.acceptance?.status === 'running' ? undefined : true,
        );
      }
      if (kind === 'change-reapproval') {
        const returned = await call(
          'POST',
          `/v1/tasks/${taskIdOf(changing.project.id, changeRound, 'tech-review')}/decision`,
          {
            token: await dataBureau(),
            body: { decision: 'return', opinion: '变更理由不充分', checklist: TECH_CHECKLIST },
          },
        );
        expect(returned.status, JSON.stringify(returned.body)).toBe(200);
        await eventually(async () =>
          (await projectOf(changing.project.id)).rounds.approval?.status === 'running' ? undefined : true,
        );
      }
    }

    for (const id of [...declarations.map((d) => d.project.id), changing.project.id, accepting.project.id]) {
      const verify = await call<{ valid: boolean }>('GET', `/v1/projects/${id}/events/verify`, {
        token: await tokenFor({ roles: ['audit'], sub: 'crash-auditor' }),
      });
      expect(verify.body.valid, id).toBe(true);
    }
  }, 600_000);
});
