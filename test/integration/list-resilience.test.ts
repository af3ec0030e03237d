import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { bureau, createProject, eventually, type Project, people, uniqueDept } from './support/scenario.ts';

const table = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime().dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );

describe('a list survives an item an older version wrote (issue #15 item 1)', () => {
  it("keeps answering GET /v1/projects for admin, audit and the Data Bureau when a stored project fails today's schema, reporting its key in a logged error and a metric", async () => {
    const { staff } = people(uniqueDept('survivor'));
    const good = await createProject(await staff());
    // What a token with `--dept EDU` wrote before claims were checked: the same project, another owner format.
    const { Item } = await table().send(
      new GetCommand({ TableName: runtime().tableName, Key: { PK: `PROJECT#${good.id}`, SK: 'META' } }),
    );
    const badId = `legacy-${good.id}`;
    const at = new Date(Date.now() + 60_000).toISOString();
    await table().send(
      new PutCommand({
        TableName: runtime().tableName,
        Item: {
          ...Item,
          PK: `PROJECT#${badId}`,
          id: badId,
          ownerDeptId: 'EDU',
          updatedAt: at,
          GSI1PK: 'DEPT#EDU',
          GSI1SK: `${at}#${badId}`,
          GSI2SK: `${at}#${badId}`,
          GSI6SK: `${at}#${badId}`,
        },
      }),
    );

    for (const token of [
      await tokenFor({ roles: ['admin'], sub: 'survivor-admin' }),
      await tokenFor({ roles: ['audit'], sub: 'survivor-audit' }),
      await bureau('data-bureau'),
    ]) {
      for (const query of ['', '?stage=draft', '?deptId=edu']) {
        const listed = await call<{ items: Project[] }>('GET', `/v1/projects${query}`, { token });
        expect(listed.status, query).toBe(200);
        expect(listed.body.items.map((p) => p.id)).not.toContain(badId);
      }
      const all = await call<{ items: Project[] }>('GET', '/v1/projects?limit=200', { token });
      expect(all.body.items.map((p) => p.id)).toContain(good.id);
    }

    const log = await eventually(async () => {
      const text = readFileSync(`${runtime().dataDir}/runtime.log`, 'utf8');
      return text.includes(`PROJECT#${badId}`) ? text : undefined;
    });
    const lines = log
      .split('\n')
      .filter((line) => line.includes(`PROJECT#${badId}`))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'an item fails its schema and is left out of the list',
        key: { PK: `PROJECT#${badId}`, SK: 'META' },
        issues: [expect.stringMatching(/^ownerDeptId: /)],
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        UnreadableItems: 1,
        key: `PROJECT#${badId} META`,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [
            expect.objectContaining({ Namespace: 'Lingchuan', Metrics: [{ Name: 'UnreadableItems', Unit: 'Count' }] }),
          ],
        }),
      }),
    );
  });
});

describe('nothing is written that its own read schema would refuse (issue #15 item 1)', () => {
  it('refuses, before the transaction, a project change or a document its read would not accept, and writes nothing', async () => {
    const { directDeps } = await import('./support/direct.ts');
    const deps = await directDeps();
    const { staff } = people(uniqueDept('write-guard'));
    const created = await createProject(await staff());
    const project = await deps.projects.get(created.id);
    if (!project) throw new Error('no project');
    const actor = { sub: 'guard', name: 'guard', deptId: null, roles: [] };
    await expect(
      deps.projects.save({
        project,
        actor,
        action: 'x',
        at: new Date().toISOString(),
        set: { ownerDeptId: 'EDU' },
        details: {},
      }),
    ).rejects.toThrow(/ownerDeptId/);
    const after = await deps.projects.get(created.id);
    expect(after).toMatchObject({ version: project.version, ownerDeptId: project.ownerDeptId });
    const document: ProjectDocument = {
      id: 'd',
      projectId: created.id,
      kind: 'collective-decision',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      status: 'pending',
      rejectionReason: null,
      versionId: null,
      uploadedBy: 'guard',
      createdAt: '',
      verifiedAt: null,
      taskId: null,
    };
    // What a caller past the compiler could hand the store (a kind no schema knows): set at run time, as such a value arrives.
    Reflect.set(document, 'kind', 'not-a-kind');
    expect(() => deps.documents.put(document)).toThrow(/kind/);
  });
});
