import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { ProjectInputSchema } from '#shared/domain/project.schema.ts';
import { createProject } from '#shared/use-cases/projects/create-project.ts';
import { reconcileCodeRegisters } from '#shared/use-cases/projects/reconcile-code-registers.ts';
import { call, runtime } from './support/client.ts';
import { directDeps } from './support/direct.ts';
import { type Project, people, projectBody, uniqueDept } from './support/scenario.ts';

// Years no other test creates in, so their registers are this file's alone.
const LOAD_YEAR = 2099;
const GAP_YEAR = 2098;

const explained = async (year: number) => {
  const deps = await directDeps();
  const { allocated, records, unrecorded } = await deps.projects.register(year);
  return { allocated, records, unrecorded, numbers: records.map((r) => r.number).sort((a, b) => a - b) };
};

const actor = { sub: 'codes-direct', name: 'codes', deptId: 'codes-direct', roles: ['dept-staff' as const] };

describe('project codes under load: one atomic counter, a register that explains every number (issue #15)', () => {
  it('gives 60 concurrent creations 60 distinct codes, every number of the year a project', async () => {
    const { staff } = people(uniqueDept('load'));
    const token = await staff();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call<Project>('POST', '/v1/projects', { token, body: projectBody({ year: LOAD_YEAR, name: `并发 ${i}` }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    const codes = responses.map((r) => r.body.code).sort();
    expect(new Set(codes).size).toBe(60);
    const register = await explained(LOAD_YEAR);
    expect(register.allocated).toBe(60);
    expect(register.unrecorded).toEqual([]);
    expect(
      register.records
        .filter((r) => r.status === 'used')
        .map((r) => r.code)
        .sort(),
    ).toEqual(codes);
  });

  it('voids the number of a creation whose transaction is refused, saying why, so the gap is explained', async () => {
    const deps = await directDeps();
    const refusing = {
      ConditionCheck: {
        TableName: runtime().tableName,
        Key: { PK: 'NOTHING', SK: 'HERE' },
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
    // The creation as the API runs it, with one more item in its transaction that is bound to fail.
    const projects: typeof deps.projects = {
      ...deps.projects,
      create: (change, onRefused) =>
        deps.projects.create(
          {
            ...change,
            with: (stored) => [
              ...(typeof change.with === 'function' ? change.with(stored) : (change.with ?? [])),
              refusing,
            ],
          },
          onRefused,
        ),
    };
    const body = ProjectInputSchema.parse(projectBody({ year: GAP_YEAR }));
    await expect(
      createProject({ actor, body, idempotencyKey: undefined }, { ...deps, projects }),
    ).rejects.toBeInstanceOf(ConflictError);

    const { staff } = people(uniqueDept('after-gap'));
    const next = await call<Project>('POST', '/v1/projects', {
      token: await staff(),
      body: projectBody({ year: GAP_YEAR }),
    });
    expect(next.status).toBe(201);
    const register = await explained(GAP_YEAR);
    expect(register.unrecorded).toEqual([]);
    const voided = register.records.find((r) => r.status === 'void');
    expect(voided).toMatchObject({
      status: 'void',
      reason: expect.stringMatching(/refused \(an item written with it \(#\d+\): ConditionalCheckFailed\)/),
    });
    expect(register.records.find((r) => r.status === 'used')).toMatchObject({ code: next.body.code });
    expect(Number(next.body.code.slice(-4))).toBe((voided?.number ?? 0) + 1);
  });

  it('voids, when the register is reconciled, a number whose creator stopped after taking it, and records codes carried from before the register', async () => {
    const deps = await directDeps();
    const { staff } = people(uniqueDept('crash'));
    const kept = await call<Project>('POST', '/v1/projects', {
      token: await staff(),
      body: projectBody({ year: GAP_YEAR }),
    });
    expect(kept.status).toBe(201);
    // A creator killed between the increment and its transaction: a number with no record.
    const lost = await deps.projects.allocateCode(GAP_YEAR);
    // A code given before the register was kept: the project carries it, the register does not.
    const keptNumber = Number(kept.body.code.slice(-4));
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime().dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
    );
    await client.send(
      new DeleteCommand({
        TableName: runtime().tableName,
        Key: { PK: `PROJECT-CODE#${GAP_YEAR}`, SK: String(keptNumber).padStart(10, '0') },
      }),
    );
    expect((await explained(GAP_YEAR)).unrecorded.map((u) => u.number).sort()).toEqual([keptNumber, lost].sort());

    const reconciled = await reconcileCodeRegisters(deps);
    expect(reconciled).toContainEqual({ year: GAP_YEAR, voided: [lost], recorded: [keptNumber] });
    const register = await explained(GAP_YEAR);
    expect(register.unrecorded).toEqual([]);
    expect(register.records.find((r) => r.number === lost)).toMatchObject({
      status: 'void',
      reason: expect.stringMatching(/never used/),
    });
    expect(register.records.find((r) => r.number === keptNumber)).toMatchObject({
      status: 'used',
      projectId: kept.body.id,
    });
    // Reconciling again finds nothing to do.
    expect((await reconcileCodeRegisters(deps)).filter((r) => r.year === GAP_YEAR)).toEqual([]);
  });
});
