import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths } from '#shared/domain/calendar.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { call, tokenFor } from './support/client.ts';
import {
  approvedProject,
  daysFromToday,
  dutiesOf,
  findingsOf,
  post,
  sweepAsOf,
  today,
  underConstruction,
  violationsOf,
} from './support/lifecycle.ts';
import {
  bureau,
  decide,
  openTask,
  people,
  projectBody,
  readyProject,
  registerDepartment,
  submit,
  TECH_CHECKLIST,
  uniqueDept,
} from './support/scenario.ts';

type Finding = { projectId: string; code: string; key: string; status: string; ownerDeptId: string };

describe('checks the measures ask more than once (ART24, ART35)', () => {
  it('ART24-SECURITY: a department building with no drill within the window is found late once, whatever its projects, and a drill resolves it', async () => {
    const dept = uniqueDept('drills');
    const { staff, head } = await underConstruction({}, dept);
    await underConstruction({ name: '县教育资源公共服务平台二期' }, dept);
    const departmentFindings = async () =>
      (await call<{ items: Finding[] }>('GET', '/v1/findings?limit=200', { token: await staff() })).body.items.filter(
        (f) => f.code === 'ART24-SECURITY' && f.projectId === `dept:${dept}`,
      );

    const due = addMonths(today(), DEFAULT_POLICY.drillWindowMonths);
    await sweepAsOf(due);
    expect(await departmentFindings()).toEqual([]);
    await sweepAsOf(addCalendarDays(due, 1));
    await sweepAsOf(addCalendarDays(due, 2));
    expect((await departmentFindings()).map((f) => [f.key, f.status, f.ownerDeptId])).toEqual([
      ['drill', 'open', dept],
    ]);

    await post(
      `/v1/departments/${dept}/security-drills`,
      await head(),
      { on: today(), scenario: '政务系统遭受勒索病毒攻击应急演练', participants: 15 },
      201,
    );
    await sweepAsOf(addCalendarDays(today(), 1));
    expect((await departmentFindings()).map((f) => [f.key, f.status])).toEqual([['drill', 'resolved']]);
  });

  it('ART02-SCOPE-KIND: a project of another category (第二条 等) is declared with its description and judged by the technical review', async () => {
    const dept = uniqueDept('other');
    await registerDepartment(dept);
    const { staff } = people(dept);
    const undescribed = await call<{ code: string; violations: { path: string }[] }>('POST', '/v1/projects', {
      token: await staff(),
      body: projectBody({ category: 'other' }),
    });
    expect(undescribed.status).toBe(422);
    expect(violationsOf(undescribed.body)).toEqual([['ART02-SCOPE-KIND', 'categoryDescription']]);

    const { project } = await readyProject(
      { category: 'other', categoryDescription: '政务数据安全态势感知服务' },
      dept,
    );
    await submit(project.id, await staff());
    const refused = await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'), {
      checklist: { ...TECH_CHECKLIST, categoryJustified: { ok: false, note: '不属于政务数据项目' } },
    });
    expect(refused.status).toBe(422);
    expect(violationsOf(refused.body).map(([code]) => code)).toContain('ART02-SCOPE-KIND');
    expect((await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'))).status).toBe(200);
  });

  it('ART26-GOV-CLOUD: an O&M project off the government cloud is submitted only when its migration plan states completeBy, which the technical review judges (ART07)', async () => {
    const dept = uniqueDept('om-cloud');
    const plan = '三年内迁入县政务云';
    const { project, staff } = await readyProject(
      { constructionType: 'operations', deployment: { target: 'public-cloud', migrationPlan: plan } },
      dept,
    );
    // A plan as text alone, as declarations stored it before, reads back as it was and states no date.
    expect(
      (await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() })).body.deployment,
    ).toMatchObject({ migrationPlan: plan });
    const undated = await call('POST', `/v1/projects/${project.id}/submit`, { token: await staff() });
    expect(undated.status).toBe(422);
    expect(violationsOf(undated.body)).toEqual([['ART26-GOV-CLOUD', 'deployment.migrationPlan.completeBy']]);

    const completeBy = addMonths(today(), 18);
    const { project: dated, staff: datedStaff } = await readyProject(
      {
        constructionType: 'operations',
        deployment: { target: 'on-premise', migrationPlan: { text: plan, completeBy } },
      },
      uniqueDept('om-cloud'),
    );
    expect((dated as Project).deployment.migrationPlan).toEqual({ text: plan, completeBy });
    await submit(dated.id, await datedStaff());
    const task = await openTask(dated.id, 1, 'tech-review', await bureau('data-bureau'));
    const cloudMigration = (task as unknown as { checklist: { item: string; zh: string }[] }).checklist.find(
      (entry) => entry.item === 'cloudMigration',
    );
    expect(cloudMigration?.zh).toContain('completeBy');
  });

  it('ART07-OM-FUNDING: an O&M project approved off the government cloud whose completeBy passes unmigrated is found by the sweep, its O&M funds held', async () => {
    const completeBy = daysFromToday(20);
    const { project, staff } = await approvedProject({
      constructionType: 'operations',
      deployment: { target: 'public-cloud', migrationPlan: { text: '迁入县政务云', completeBy } },
    });
    const token = await staff();
    const migration = (await dutiesOf(project.id, token)).find(
      (d) => d.code === 'ART07-OM-FUNDING' && d.key === 'migration',
    );
    expect(migration).toMatchObject({ status: 'open', dueDate: completeBy });
    const found = async () =>
      (await findingsOf(project.id)).filter((f) => f.code === 'ART07-OM-FUNDING').map((f) => [f.key, f.status]);

    await sweepAsOf(completeBy);
    expect(await found()).toEqual([]);
    await sweepAsOf(addCalendarDays(completeBy, 1));
    expect(await found()).toEqual([['migration', 'open']]);
    const funding = await call<{ construction: string; operations: string }>(
      'GET',
      `/v1/projects/${project.id}/funding`,
      { token },
    );
    expect(funding.body).toMatchObject({ construction: 'allowed', operations: 'held' });
    // One migration, not a yearly duty: finding it writes no successor.
    expect((await dutiesOf(project.id, token)).filter((d) => d.code === 'ART07-OM-FUNDING')).toHaveLength(1);
  });

  it('ART24-SECURITY, ART35-VALIDITY: GET /v1/policy names the drill period as a policy choice and the measures in force', async () => {
    const policy = await call<{
      drillWindowMonths: number;
      measures: { inForce: string };
      choices: { setting: string; article: number }[];
    }>('GET', '/v1/policy', { token: await tokenFor({ roles: ['audit'], sub: 'checks-audit' }) });
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({ drillWindowMonths: 12, measures: { inForce: '2024-09-20' } });
    expect(policy.body.choices).toContainEqual(expect.objectContaining({ setting: 'drillWindowMonths', article: 24 }));
    expect(policy.body.choices).toContainEqual(
      expect.objectContaining({ setting: 'confirmationWorkingDays', article: 4 }),
    );
  });
});
