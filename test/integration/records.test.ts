import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '#shared/domain/calendar.ts';
import { call, tokenFor } from './support/client.ts';
import {
  approvedProject,
  CREDIT_CODES,
  contractBody,
  doc,
  post,
  put,
  today,
  underConstruction,
  violationsOf,
} from './support/lifecycle.ts';
import { uniqueDept } from './support/scenario.ts';

type Problem = { code: string; detail?: string; violations?: { code: string; path?: string }[] };

describe('records are what happened, once (ART16, ART18, ART20, ART21, ART24, ART27)', () => {
  it('ART16-PROCUREMENT-PLAN: a contract signed before its notice was published is refused, and one signed contract backs one contract', async () => {
    const { project, staff } = await approvedProject({ totalInvestmentFen: 100_000_000 });
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    await post(
      path('/procurement-plan'),
      token,
      {
        planDocumentId: await doc(project.id, token, 'procurement-plan'),
        budgetFen: 95_000_000,
        method: 'public-tender',
        requiredQualifications: [],
      },
      201,
    );
    const noticeDocumentId = await doc(project.id, token, 'procurement-notice');
    const scripted = await call<Problem>('POST', path('/procurement-notices'), {
      token,
      body: { noticeDocumentId, publishedOn: today(), url: 'javascript:alert(1)' },
    });
    expect(scripted.status).toBe(400);
    expect(violationsOf(scripted.body)).toEqual([['VALIDATION', 'url']]);
    await post(
      path('/procurement-notices'),
      token,
      { noticeDocumentId, publishedOn: today(), url: 'https://www.ccgp.gov.cn/notice/1' },
      201,
    );
    // The same notice document published twice is one notice, not two.
    const twice = await call<Problem>('POST', path('/procurement-notices'), {
      token,
      body: { noticeDocumentId, publishedOn: today() },
    });
    expect(twice.status).toBe(409);

    const signed = await contractBody(project.id, token, 'construction', 10_000_000);
    const early = await call<Problem>('POST', path('/contracts'), {
      token,
      body: { ...signed, signedOn: addCalendarDays(today(), -1) },
    });
    expect(early.status).toBe(422);
    expect(violationsOf(early.body)).toEqual([['ART16-PROCUREMENT-PLAN', 'signedOn']]);
    const first = await post<{ id: string }>(path('/contracts'), token, { ...signed, signedOn: today() }, 201);
    const again = await call<Problem>('POST', path('/contracts'), { token, body: { ...signed, signedOn: today() } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(first.id);
  });

  it('ART18-QUALIFICATION: a subcontractor holds a qualification of the kind of work it takes on', async () => {
    const { project, staff } = await underConstruction();
    const token = await staff();
    const body = await contractBody(project.id, token, 'construction', 1_000_000);
    const subcontractor = (kind: string) => ({
      name: '某运维服务公司',
      creditCode: CREDIT_CODES[1],
      qualifications: [{ kind, name: '信息技术服务标准符合性证书', certificateNo: 'ITSS-1' }],
      scope: '系统运维',
      scopeKind: 'it-service',
    });
    const refused = await call<Problem>('POST', `/v1/projects/${project.id}/contracts`, {
      token,
      body: { ...body, subcontractors: [subcontractor('it-construction')] },
    });
    expect(refused.status).toBe(422);
    expect(violationsOf(refused.body)).toEqual([['ART18-QUALIFICATION', 'subcontractors.0.qualifications']]);
    await post(
      `/v1/projects/${project.id}/contracts`,
      token,
      { ...body, subcontractors: [subcontractor('it-service')] },
      201,
    );
  });

  it('ART20-BASELINE, ART21-ASSETS, ART27-ACCEPTANCE-ORDER: no milestone before the start, no empty or repeated asset register, no acceptance before completion', async () => {
    const { project, staff } = await underConstruction();
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    const backdated = await call<Problem>('POST', path('/milestones'), {
      token,
      body: {
        milestone: '需求分析',
        reportedOn: addCalendarDays(today(), -1),
        progressPercent: 10,
        spentFen: 1_000_000,
        quality: 'meets-standard',
      },
    });
    expect(backdated.status).toBe(400);
    expect(violationsOf(backdated.body)).toEqual([['VALIDATION', 'reportedOn']]);

    const empty = await call<Problem>('PUT', path('/assets'), { token, body: { items: [] } });
    expect(empty.status).toBe(400);
    expect(violationsOf(empty.body)).toEqual([['VALIDATION', 'items']]);
    const asset = { name: '服务器', kind: 'fixed', valueFen: 1_000_000, registrationNo: 'LC-2026-R1' };
    const repeated = await call<Problem>('PUT', path('/assets'), {
      token,
      body: { items: [asset, { ...asset, name: '存储' }] },
    });
    expect(violationsOf(repeated.body)).toEqual([['VALIDATION', 'items.1.registrationNo']]);
    const worthless = await call<Problem>('PUT', path('/assets'), {
      token,
      body: { items: [{ ...asset, valueFen: 0 }] },
    });
    expect(violationsOf(worthless.body)).toEqual([['VALIDATION', 'items.0.valueFen']]);
    await put(
      path('/assets'),
      token,
      { items: [], noAssetsFormed: { reason: '项目为纯软件服务采购，未形成资产' } },
      200,
    );

    await post(path('/completion'), token, { completedOn: today() }, 200);
    const early = await call<Problem>('POST', path('/preliminary-acceptance'), {
      token,
      body: {
        reportDocumentId: await doc(project.id, token, 'preliminary-acceptance-report'),
        passedOn: addCalendarDays(today(), -1),
        evidence: {
          softwareTestReportDocumentId: await doc(project.id, token, 'software-test-report'),
          resourceSharingCatalogueDocumentId: await doc(project.id, token, 'resource-sharing-catalogue'),
          dataLandingDocumentId: await doc(project.id, token, 'data-landing-report'),
        },
      },
    });
    expect(early.status).toBe(422);
    expect(violationsOf(early.body)).toEqual([['ART27-ACCEPTANCE-ORDER', 'passedOn']]);
  });

  it("ART04-ROLE: the owner department's Public Security officer cannot confirm its own MLPS filing, and one filing document backs one filing", async () => {
    const { project, staff, dept } = await underConstruction();
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    const documentId = await doc(project.id, token, 'mlps-filing');
    const filing = await post<{ id: string }>(
      path('/security-records'),
      token,
      { kind: 'mlps-filing', documentId, on: today(), level: 3 },
      201,
    );
    const twice = await call<Problem>('POST', path('/security-records'), {
      token,
      body: { kind: 'mlps-filing', documentId, on: today(), level: 2 },
    });
    expect(twice.status).toBe(409);

    const insider = await tokenFor({ roles: ['public-security'], dept, sub: `${dept}-police` });
    const own = await call<Problem>('POST', path(`/security-records/${filing.id}/confirmation`), {
      token: insider,
      body: {},
    });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('ART04-ROLE');
    const police = await tokenFor({ roles: ['public-security'], dept: 'public-security', sub: 'records-police' });
    expect(
      (await call('POST', path(`/security-records/${filing.id}/confirmation`), { token: police, body: {} })).status,
    ).toBe(200);
  });

  it('ART04-ROLE: the Public Security Bureau confirms the MLPS filing of its own project, marked conflictOfInterest', async () => {
    const dept = uniqueDept('psb');
    const { project, staff } = await underConstruction({}, dept);
    const admin = await tokenFor({ roles: ['admin'], sub: 'records-admin' });
    const registered = await call('PUT', `/v1/departments/${dept}`, {
      token: admin,
      body: {
        name: '县公安局',
        dataManagementUnit: { name: '科技信息化科', contact: '0356-110' },
        bureauRole: 'public-security',
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const token = await staff();
    const filing = await post<{ id: string }>(
      `/v1/projects/${project.id}/security-records`,
      token,
      { kind: 'mlps-filing', documentId: await doc(project.id, token, 'mlps-filing'), on: today(), level: 3 },
      201,
    );
    const police = await tokenFor({ roles: ['public-security'], dept, sub: `${dept}-police` });
    const confirmed = await call<{ conflictOfInterest?: boolean }>(
      'POST',
      `/v1/projects/${project.id}/security-records/${filing.id}/confirmation`,
      { token: police, body: {} },
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.conflictOfInterest).toBe(true);
  });
});
