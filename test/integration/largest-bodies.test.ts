import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { routes } from '#functions/api/routes.ts';
import { PHASE_RECORDS, type RecordKind } from '#shared/domain/phase-records.ts';
import type { RouteDefinition } from '#shared/http/route.ts';
import { largestBody } from '../support/largest-body.ts';
import { call, tokenFor } from './support/client.ts';
import { directDeps } from './support/direct.ts';
import { createProject, people, registerDepartment, uniqueDept } from './support/scenario.ts';

/**
 * Issue #15 item 2: every schema's bounds fit what the store can hold (DynamoDB's 400 KB item).
 * For every route, the largest body its schema accepts is either stored or refused (4xx), never a
 * 500; and the largest record of every kind a route stores is written whole.
 */
const ART02_KINDS = {
  category: 'network-infrastructure',
  constructionType: 'operations',
  fundingMode: 'government-enterprise',
};

describe('the largest body every schema accepts (issue #15 item 2)', () => {
  it('is stored or refused with a 4xx at every route, never a 500', async () => {
    const dept = uniqueDept('largest');
    await registerDepartment(dept);
    const project = await createProject(await people(dept).staff());
    const fill = (route: RouteDefinition) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'id' ? project.id : name === 'deptId' ? dept : name === 'year' ? '2026' : `missing-${name}`,
      );
    const answers: Record<string, number> = {};
    const withBody = (r: RouteDefinition): r is RouteDefinition & { body: z.ZodType } =>
      r.body !== undefined && r.roles !== 'public';
    for (const route of routes.filter(withBody)) {
      const roles = route.roles === 'public' ? [] : route.roles;
      const token = await tokenFor({ roles: [...roles], dept, sub: `${dept}-largest` });
      // ART02's kinds are plain strings the rule checks (a 422 names the article): the longest of each.
      const kinds = route.path.endsWith('/projects') || route.method === 'PATCH' ? ART02_KINDS : {};
      const body = { ...(largestBody(route.body) as object), ...kinds };
      const response = await call(route.method, fill(route), {
        token,
        body,
        headers: { 'if-match': String(project.version) },
      });
      answers[`${route.method} ${route.path}`] = response.status;
      expect(
        response.status,
        `${route.method} ${route.path}: ${JSON.stringify(response.body).slice(0, 300)}`,
      ).toBeLessThan(500);
    }
    // The bodies that meet no rule or stage are stored whole.
    expect(answers, JSON.stringify(answers)).toMatchObject({
      'POST /v1/projects': 201,
      'PATCH /v1/projects/{id}': 200,
      'PUT /v1/departments/{deptId}': 200,
      'PUT /v1/annual-plans/{year}': 200,
    });
  });

  it('writes the largest record of every kind a route stores, with the largest answer remembered beside it', async () => {
    const deps = await directDeps();
    const { transact } = await import('#shared/store/transactions.ts');
    const projectId = `largest-${Date.now()}`;
    for (const kind of Object.keys(PHASE_RECORDS) as RecordKind[]) {
      // Typed as its kind's record by its own schema, which takes the largest body as it is.
      const record = PHASE_RECORDS[kind].parse({
        ...(largestBody(PHASE_RECORDS[kind]) as Record<string, unknown>),
        id: `largest-${kind}`,
        projectId,
      });
      const remembered = deps.idempotency.record('largest', kind, `key-${kind}`, record, record, new Date());
      await expect(transact([deps.records.put(kind, record, 'new'), remembered]), kind).resolves.toBeUndefined();
      expect(await deps.records.get(kind, projectId, `largest-${kind}`), kind).toMatchObject({ id: `largest-${kind}` });
    }
  });
});
