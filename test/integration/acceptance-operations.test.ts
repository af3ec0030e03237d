import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { firstOmYear, omDueDate, omDutyKey, omReportKey } from '#shared/domain/acceptance.ts';
import { addCalendarDays, addMonths } from '#shared/domain/calendar.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { call, tokenFor } from './support/client.ts';
import { failures, type Jwk, offlineVerifier, TAMPERINGS, takeDossier } from './support/dossier.ts';
import {
  daysFromToday,
  doc,
  dutiesOf,
  findingsOf,
  post,
  projectOf,
  put,
  sweepAsOf,
  today,
  underConstruction,
  violationsOf,
} from './support/lifecycle.ts';
import { allOk, bureau, decide, eventually, openTask, taskIdOf, waitForStage } from './support/scenario.ts';

type Funding = { construction: string; operations: string; holds: { code: string; funds: string[] }[] };
const ASSETS = [
  { name: '应用服务器', kind: 'fixed', valueFen: 3_000_000, registrationNo: 'LC-GZ-2026-0101' },
  { name: '指挥平台软件著作权', kind: 'intangible', valueFen: 5_000_000, registrationNo: 'LC-WX-2026-0102' },
];
/** The first year a project accepted today owes an O&M report for: this year until its due date, then the next. */
const firstReportYear = () => firstOmYear(today(), DEFAULT_POLICY);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A project built and completed today, its acceptance clock running. */
const completed = async (overrides?: Record<string, unknown>) => {
  const built = await underConstruction(overrides);
  await post(`/v1/projects/${built.project.id}/completion`, await built.staff(), { completedOn: today() }, 200);
  return built;
};

/** The owner's preliminary acceptance with its ART28 evidence; answers the round it opened. */
const preliminary = async (projectId: string, token: string) =>
  post<{ round: number }>(
    `/v1/projects/${projectId}/preliminary-acceptance`,
    token,
    {
      reportDocumentId: await doc(projectId, token, 'preliminary-acceptance-report'),
      passedOn: today(),
      evidence: {
        softwareTestReportDocumentId: await doc(projectId, token, 'software-test-report'),
        resourceSharingCatalogueDocumentId: await doc(projectId, token, 'resource-sharing-catalogue'),
        dataLandingDocumentId: await doc(projectId, token, 'data-landing-report'),
      },
    },
    202,
  );

/** ART24 and ART21 on record: a confirmed MLPS filing, both assessments, a drill of the department, the assets. */
const securityAndAssets = async (projectId: string, dept: string, token: string, head: string) => {
  const path = `/v1/projects/${projectId}`;
  const mlps = await post<{ id: string }>(
    `${path}/security-records`,
    token,
    { kind: 'mlps-filing', documentId: await doc(projectId, token, 'mlps-filing'), on: daysFromToday(-15), level: 2 },
    201,
  );
  await post(`${path}/security-records/${mlps.id}/confirmation`, await police(), {}, 200);
  for (const kind of ['security-assessment', 'crypto-assessment']) {
    await post(
      `${path}/security-records`,
      token,
      { kind, documentId: await doc(projectId, token, kind), on: daysFromToday(-14) },
      201,
    );
  }
  await post(
    `/v1/departments/${dept}/security-drills`,
    head,
    { on: daysFromToday(-13), scenario: '系统宕机应急演练', participants: 12 },
    201,
  );
  await put(`${path}/assets`, token, { items: ASSETS }, 200);
};
const police = () => tokenFor({ roles: ['public-security'], dept: 'public-security', sub: 'police-acceptance' });

const TECH_ACCEPTANCE = allOk('tech-acceptance');

/** The Data Bureau's confirmation of the last filing or report has concluded (its workflow round is over). */
const confirmationDone = (projectId: string, token: string) =>
  eventually(async () => {
    const rounds = (await projectOf(projectId, token)).rounds as { filing?: { status: string } };
    return rounds.filing?.status !== 'running' ? true : undefined;
  });

const decideAcceptance = (
  projectId: string,
  round: number,
  kind: string,
  decision: 'approve' | 'reject' | 'return',
  token: string,
) => decide(projectId, round, kind, decision, token, { checklist: kind === 'tech-acceptance' ? TECH_ACCEPTANCE : {} });

describe('acceptance, filing, operations and decommissioning (ART24, ART27–30, ART32–34) through the HTTP API', () => {
  it('takes a key project from construction to decommissioned: technical then DRC completion acceptance (ART27-ACCEPTANCE-ORDER), the ART29-FILING hold and late finding, ART30-SELF-EVALUATION, ART07-OM-FUNDING reports, ART32-DECOMMISSION and ART32-DISPOSAL-REPORT; its whole life taken as a dossier passes lingchuan-verify and fails it, naming what, with a byte changed, an event removed, a document replaced or the manifest re-signed (ART33-RECORDS)', async () => {
    const { project, staff, head, dept } = await completed({ totalInvestmentFen: 100_000_000, keyProject: true });
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    const funding = async () => (await call<Funding>('GET', path('/funding'), { token })).body;

    // ART28-ACCEPTANCE-EVIDENCE: the evidence documents, every one missing named.
    const missing = await call('POST', path('/preliminary-acceptance'), {
      token,
      body: {
        reportDocumentId: 'none',
        passedOn: today(),
        evidence: {
          softwareTestReportDocumentId: 'none',
          resourceSharingCatalogueDocumentId: 'none',
          dataLandingDocumentId: 'none',
        },
      },
    });
    expect(violationsOf(missing.body)).toEqual([
      ['ART28-ACCEPTANCE-EVIDENCE', 'reportDocumentId'],
      ['ART28-ACCEPTANCE-EVIDENCE', 'evidence.softwareTestReportDocumentId'],
      ['ART28-ACCEPTANCE-EVIDENCE', 'evidence.resourceSharingCatalogueDocumentId'],
      ['ART28-ACCEPTANCE-EVIDENCE', 'evidence.dataLandingDocumentId'],
    ]);
    const { round } = await preliminary(project.id, token);
    expect(round).toBe(1);
    expect((await call('POST', path('/preliminary-acceptance'), { token, body: {} })).status).toBe(400);

    // ART24-SECURITY and ART21-ASSETS gate the technical acceptance: every failure listed.
    const dataBureau = await bureau('data-bureau');
    const gated = await decideAcceptance(project.id, 1, 'tech-acceptance', 'approve', dataBureau);
    expect(gated.status).toBe(422);
    expect(violationsOf(gated.body)).toEqual([
      ['ART24-SECURITY', 'mlps-filing'],
      ['ART24-SECURITY', 'security-assessment'],
      ['ART24-SECURITY', 'crypto-assessment'],
      ['ART24-SECURITY', 'security-drills'],
      ['ART21-ASSETS', 'assets'],
    ]);
    // ART27-ACCEPTANCE-ORDER: the DRC's completion acceptance opens only after the technical acceptance.
    expect(
      (
        await call('GET', `/v1/tasks/${taskIdOf(project.id, 1, 'completion-acceptance')}`, {
          token: await bureau('drc'),
        })
      ).status,
    ).toBe(404);
    await securityAndAssets(project.id, dept, token, await head());
    expect((await decideAcceptance(project.id, 1, 'tech-acceptance', 'approve', dataBureau)).status).toBe(200);
    await openTask(project.id, 1, 'completion-acceptance', await bureau('drc'));
    expect(
      (await decideAcceptance(project.id, 1, 'completion-acceptance', 'approve', await bureau('drc'))).status,
    ).toBe(200);
    const accepted = await waitForStage(project.id, token, 'operations');
    expect(accepted.acceptedOn).toBe(today());

    // ART29: construction and O&M funds held from acceptance until the report is filed; a finding once 30 working days pass.
    expect(await funding()).toMatchObject({
      construction: 'held',
      operations: 'held',
      holds: [{ code: 'ART29-FILING' }],
    });
    // The county portfolio counts the hold as it stands, before any finding.
    const heldInPortfolio = async () => {
      const portfolio = await call<{ fundingHolds: { items: { projectId: string; code: string; funds: string[] }[] } }>(
        'GET',
        `/v1/reports/portfolio?year=${project.year}`,
        { token: await bureau('finance') },
      );
      expect(portfolio.status).toBe(200);
      return portfolio.body.fundingHolds.items.filter((h) => h.projectId === project.id);
    };
    expect(await heldInPortfolio()).toEqual([
      expect.objectContaining({ code: 'ART29-FILING', funds: ['construction', 'operations'] }),
    ]);
    const duties = await dutiesOf(project.id, token);
    expect(
      duties
        .filter((d) => d.status === 'open' && d.code !== 'ART20-BASELINE') // its unreported milestones stay owed (ART20)
        .map((d) => [d.code, d.key])
        .sort(),
    ).toEqual([
      ['ART07-OM-FUNDING', `om-${firstReportYear()}`],
      ['ART29-FILING', 'acceptance'],
      ['ART30-SELF-EVALUATION', 'acceptance'],
    ]);
    expect(duties.find((d) => d.code === 'ART27-ACCEPTANCE-DEADLINE')?.status).toBe('fulfilled');
    const filingDue = duties.find((d) => d.code === 'ART29-FILING')?.dueDate ?? '';
    await sweepAsOf(dayAfter(filingDue));
    expect((await findingsOf(project.id)).map((f) => [f.code, f.status])).toContainEqual(['ART29-FILING', 'open']);
    const waived = await call('POST', path('/obligations/ART29-FILING.acceptance/waiver'), {
      token: dataBureau,
      body: { reason: '豁免' },
    });
    expect(waived.status).toBe(422);
    const report = await doc(project.id, token, 'acceptance-report');
    await post(path('/acceptance-filing'), token, { acceptanceReportDocumentId: report }, 200);
    // ART29-FILING: the Data Bureau confirms the filing (ART04 指导监督); until then the hold stands.
    expect(await funding()).toMatchObject({ construction: 'held', holds: [{ code: 'ART29-FILING' }] });
    expect(
      (await call('POST', path('/acceptance-filing'), { token, body: { acceptanceReportDocumentId: report } })).status,
    ).toBe(409);
    expect((await decide(project.id, 1, 'filing-confirmation', 'approve', dataBureau)).status).toBe(200);
    await eventually(async () => ((await projectOf(project.id, token)).filedOn === today() ? true : undefined));
    expect(await funding()).toMatchObject({ construction: 'allowed', operations: 'allowed', holds: [] });
    expect(await heldInPortfolio()).toEqual([]);
    expect(
      (await call('POST', path('/acceptance-filing'), { token, body: { acceptanceReportDocumentId: report } })).status,
    ).toBe(409);
    await sweepAsOf(dayAfter(dayAfter(filingDue)));
    expect((await findingsOf(project.id)).find((f) => f.code === 'ART29-FILING')?.status).toBe('resolved');

    // ART30: the self-evaluation fulfils its duty.
    const ratings = {
      costBenefit: 4,
      dataSharing: 5,
      applicationEffect: 4,
      businessCollaboration: 3,
      securityConfidentiality: 5,
      innovativeService: 4,
      economicSocialBenefit: 4,
    };
    await post(
      path('/self-evaluation'),
      token,
      { documentId: await doc(project.id, token, 'self-evaluation'), ratings },
      201,
    );

    // ART07: next year's report off the government cloud holds O&M funds at once; a later all-true report cures it
    // once the Data Bureau confirms it (each report is confirmed before the next is filed).
    const confirmed = async (round: number) => {
      expect((await decide(project.id, round, 'om-report-confirmation', 'approve', dataBureau)).status).toBe(200);
      await confirmationDone(project.id, token);
    };
    const operations = async (onGovCloud: boolean) =>
      post(
        path('/operations-reports'),
        token,
        {
          year: firstReportYear(),
          onGovCloud,
          dataSharedAsDeclared: true,
          collaboratingAsDeclared: true,
          evidenceDocumentId: await doc(project.id, token, 'operations-evidence'),
        },
        201,
      );
    await operations(false);
    expect(await funding()).toMatchObject({
      construction: 'allowed',
      operations: 'held',
      holds: [{ code: 'ART07-OM-FUNDING' }],
    });
    await confirmed(2);
    await operations(true);
    expect(await funding()).toMatchObject({ operations: 'held' });
    await confirmed(3);
    expect(await funding()).toMatchObject({ operations: 'allowed', holds: [] });
    expect((await findingsOf(project.id)).find((f) => f.code === 'ART07-OM-FUNDING')?.status).toBe('resolved');
    // Next year's report wrote the year after's duty; none by its 31 October → a finding, an O&M hold, and the next duty.
    await sweepAsOf(`${firstReportYear() + 1}-11-01`);
    expect(await funding()).toMatchObject({ operations: 'held', holds: [{ code: 'ART07-OM-FUNDING' }] });
    expect((await dutiesOf(project.id, token)).map((d) => d.key)).toContain(`om-${firstReportYear() + 2}`);

    // ART32: expert opinion, then the collective decision, by the head; then the disposal of every asset.
    const decisionFirst = await doc(project.id, token, 'decommission-decision');
    const opinion = await doc(project.id, token, 'decommission-expert-opinion');
    const body = {
      reason: '系统整合至市级平台',
      expertOpinionDocumentId: opinion,
      collectiveDecisionDocumentId: decisionFirst,
    };
    expect((await call('POST', path('/decommission'), { token, body })).status).toBe(403);
    const wrongOrder = await call('POST', path('/decommission'), { token: await head(), body });
    expect(violationsOf(wrongOrder.body)).toEqual([['ART32-DECOMMISSION', 'collectiveDecisionDocumentId']]);
    const decision = await doc(project.id, token, 'decommission-decision');
    await post(path('/decommission'), await head(), { ...body, collectiveDecisionDocumentId: decision }, 200);
    expect(await projectOf(project.id, token)).toMatchObject({ stage: 'decommissioned' });
    // Decommissioning cancels only the reports not yet found late: the one found above holds on.
    expect(
      (await dutiesOf(project.id, token))
        .filter((d) => d.code === 'ART07-OM-FUNDING' && d.status === 'open')
        .map((d) => d.key),
    ).toEqual([`om-${firstReportYear() + 1}`]);
    expect(await funding()).toMatchObject({ construction: 'closed', operations: 'held' });
    const disposalDocument = await doc(project.id, token, 'disposal-report');
    const partial = await call('POST', path('/disposal-report'), {
      token,
      body: {
        documentId: disposalDocument,
        assets: [{ registrationNo: 'LC-GZ-2026-0101', disposal: 'transfer', disposedOn: today() }],
      },
    });
    expect(violationsOf(partial.body)).toEqual([['ART32-DISPOSAL-REPORT', 'assets']]);
    // Records are what happened, once: an unknown or repeated asset, a disposal dated before the
    // decommissioning was filed (停用备案之后) are refused, each named.
    const backdated = await call('POST', path('/disposal-report'), {
      token,
      body: {
        documentId: disposalDocument,
        assets: [
          { registrationNo: 'LC-GZ-2026-0101', disposal: 'transfer', disposedOn: addCalendarDays(today(), -1) },
          { registrationNo: 'LC-GZ-2026-0101', disposal: 'scrap', disposedOn: today() },
          { registrationNo: 'LC-XX-UNKNOWN', disposal: 'scrap', disposedOn: today() },
          { registrationNo: 'LC-WX-2026-0102', disposal: 'reuse', disposedOn: today() },
        ],
      },
    });
    expect(backdated.status).toBe(422);
    expect(violationsOf(backdated.body)).toEqual([
      ['ART32-DISPOSAL-REPORT', 'assets.0.disposedOn'],
      ['ART32-DISPOSAL-REPORT', 'assets.1.registrationNo'],
      ['ART32-DISPOSAL-REPORT', 'assets.2.registrationNo'],
    ]);
    // The report is a 情况说明 within 30 days: an asset may still be pending, settled by a supplement.
    await post(
      path('/disposal-report'),
      token,
      {
        documentId: disposalDocument,
        assets: [
          { registrationNo: 'LC-GZ-2026-0101', disposal: 'transfer', disposedOn: today() },
          { registrationNo: 'LC-WX-2026-0102', disposal: 'pending', expectedOn: addMonths(today(), 2) },
        ],
      },
      201,
    );
    const again = await call('POST', path('/disposal-report'), {
      token,
      body: {
        documentId: await doc(project.id, token, 'disposal-report'),
        assets: [
          { registrationNo: 'LC-GZ-2026-0101', disposal: 'transfer', disposedOn: today() },
          { registrationNo: 'LC-WX-2026-0102', disposal: 'reuse', disposedOn: today() },
        ],
      },
    });
    expect(again.status).toBe(409);
    const settledTwice = await call('POST', path('/disposal-report/supplements'), {
      token,
      body: {
        documentId: await doc(project.id, token, 'disposal-report'),
        assets: [{ registrationNo: 'LC-GZ-2026-0101', disposal: 'scrap', disposedOn: today() }],
      },
    });
    expect(violationsOf(settledTwice.body)).toEqual([['ART32-DISPOSAL-REPORT', 'assets.0.registrationNo']]);
    await post(
      path('/disposal-report/supplements'),
      token,
      {
        documentId: await doc(project.id, token, 'disposal-report'),
        assets: [{ registrationNo: 'LC-WX-2026-0102', disposal: 'reuse', disposedOn: today() }],
      },
      201,
    );
    const records = await call<{ assets: { items: { disposal?: unknown }[] }[] }>('GET', path('/records'), { token });
    expect(records.body.assets[0]?.items.every((item) => item.disposal)).toBe(true);
    expect((await dutiesOf(project.id, token)).find((d) => d.code === 'ART32-DISPOSAL-REPORT')?.status).toBe(
      'fulfilled',
    );

    // ART33, ART34: the Audit Bureau records accountability, listed on the project and county-wide.
    const audit = await tokenFor({ roles: ['audit'], sub: 'auditor-acceptance' });
    const evidence = await doc(project.id, audit, 'accountability-evidence');
    await post(
      path('/accountability-records'),
      audit,
      { kind: 'improper-om-funding', finding: '2028年度运维经费违规拨付', documentId: evidence },
      201,
    );
    expect(
      (await call('POST', path('/accountability-records'), { token, body: { kind: 'loss-waste', finding: 'x' } }))
        .status,
    ).toBe(403);
    const county = await call<{ items: { projectId: string }[] }>('GET', '/v1/accountability-records?limit=200', {
      token: audit,
    });
    expect(county.status, JSON.stringify(county.body)).toBe(200);
    expect(county.body.items.map((r) => r.projectId)).toContain(project.id);

    const verdict = await call<{ valid: boolean }>('GET', path('/events/verify'), { token });
    expect(verdict.body.valid).toBe(true);

    // ART33-RECORDS: the Audit Bureau takes the whole life away as one dossier, which lingchuan-verify
    // passes offline, and fails naming what was done to it: a byte changed in a document, an event
    // removed, a document replaced, the manifest re-signed with a foreign key.
    const offline = offlineVerifier();
    try {
      const keys = await offline.fetchKeys<Jwk>();
      const { bytes } = await takeDossier(project.id, audit);
      const events = Buffer.from(unzipSync(bytes)['events.jsonl'] as Uint8Array).toString('utf8');
      for (const action of [
        'project.submitted',
        'acceptance.filed',
        'operations.decommissioned',
        'accountability.recorded',
      ]) {
        expect(events, action).toContain(`"action":"${action}"`);
      }
      const intact = await offline.verify(bytes, 'whole-life');
      expect(failures(intact.lines)).toEqual([]);
      expect(intact.lines).toContain('dossier verified');
      expect(intact.code).toBe(0);
      for (const [name, tamper] of Object.entries(TAMPERINGS)) {
        const tampered = tamper(bytes, keys);
        const verdict = await offline.verify(tampered.archive, `whole-life-${name}`);
        expect(verdict.code, name).toBe(1);
        expect(failures(verdict.lines), name).toEqual(tampered.failures);
      }
    } finally {
      offline.remove();
    }
  }, 300_000);

  it('accepts a project without ART13 project approval after the technical acceptance alone; a return and a rejection send it back (ART27-ACCEPTANCE-ORDER); its public cloud is found in its O&M report (ART26-GOV-CLOUD)', async () => {
    const { project, staff, head, dept } = await completed({
      deployment: { target: 'public-cloud', migrationPlan: '2027年迁入县政务云' },
    });
    const token = await staff();
    const dataBureau = await bureau('data-bureau');
    await securityAndAssets(project.id, dept, token, await head());
    await preliminary(project.id, token);
    expect((await decideAcceptance(project.id, 1, 'tech-acceptance', 'return', dataBureau)).status).toBe(200);
    await eventually(async () => ((await projectOf(project.id, token)).openReviews.length === 0 ? true : undefined));
    expect((await projectOf(project.id, token)).stage).toBe('acceptance');
    expect((await preliminary(project.id, token)).round).toBe(2);
    expect((await decideAcceptance(project.id, 2, 'tech-acceptance', 'reject', dataBureau)).status).toBe(200);
    const failed = async () =>
      (
        await call<{ 'preliminary-acceptance': { round: number; outcome: string }[] }>(
          'GET',
          `/v1/projects/${project.id}/records`,
          { token },
        )
      ).body['preliminary-acceptance'];
    await eventually(async () =>
      (await failed()).some((r) => r.round === 2 && r.outcome === 'failed') ? true : undefined,
    );
    expect((await preliminary(project.id, token)).round).toBe(3);
    expect((await decideAcceptance(project.id, 3, 'tech-acceptance', 'approve', dataBureau)).status).toBe(200);
    await waitForStage(project.id, token, 'operations');
    expect((await failed()).map((r) => [r.round, r.outcome])).toEqual(
      expect.arrayContaining([
        [1, 'returned'],
        [2, 'failed'],
        [3, 'accepted'],
      ]),
    );
    const drc = await call('GET', `/v1/tasks/${taskIdOf(project.id, 3, 'completion-acceptance')}`, {
      token: await bureau('drc'),
    });
    expect(drc.status).toBe(404);

    // Still on the public cloud in next year's report: ART07 holds O&M funds and ART26 is found; moved, both are cured.
    const report = async (onGovCloud: boolean) =>
      post(
        `/v1/projects/${project.id}/operations-reports`,
        token,
        {
          year: firstReportYear(),
          onGovCloud,
          dataSharedAsDeclared: true,
          collaboratingAsDeclared: true,
          evidenceDocumentId: await doc(project.id, token, 'operations-evidence'),
        },
        201,
      );
    await report(false);
    const open = async () =>
      (await findingsOf(project.id))
        .filter((f) => f.status === 'open')
        .map((f) => f.code)
        .sort();
    expect(await open()).toEqual(['ART07-OM-FUNDING', 'ART26-GOV-CLOUD']);
    expect((await decide(project.id, 1, 'om-report-confirmation', 'approve', dataBureau)).status).toBe(200);
    await confirmationDone(project.id, token);
    await report(true);
    expect(await open()).toEqual(['ART07-OM-FUNDING', 'ART26-GOV-CLOUD']);
    expect((await decide(project.id, 2, 'om-report-confirmation', 'approve', dataBureau)).status).toBe(200);
    await eventually(async () => ((await open()).length === 0 ? true : undefined));
  });

  it('ART29-FILING, ART07-OM-FUNDING: the Data Bureau confirms a cure; a return keeps the hold, and lateness is judged by the day the owner filed', async () => {
    const { project, staff, head, dept } = await completed();
    const token = await staff();
    const dataBureau = await bureau('data-bureau');
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    const funding = async () => (await call<Funding>('GET', path('/funding'), { token })).body;
    await securityAndAssets(project.id, dept, token, await head());
    await preliminary(project.id, token);
    expect((await decideAcceptance(project.id, 1, 'tech-acceptance', 'approve', dataBureau)).status).toBe(200);
    await waitForStage(project.id, token, 'operations');
    const settled = () => confirmationDone(project.id, token);
    // Its unreported baseline milestones are found too (ART20); this is about the filing and the reports.
    const openFindings = async () =>
      (await findingsOf(project.id))
        .filter((f) => f.status === 'open' && f.code !== 'ART20-BASELINE')
        .map((f) => [f.code, f.key]);

    // ART29: filed in time and awaiting confirmation, it is never found late; returned, it is owed again.
    const filingDue = (await dutiesOf(project.id, token)).find((d) => d.code === 'ART29-FILING')?.dueDate ?? '';
    const file = async () =>
      post(
        path('/acceptance-filing'),
        token,
        { acceptanceReportDocumentId: await doc(project.id, token, 'acceptance-report') },
        200,
      );
    await file();
    await sweepAsOf(dayAfter(filingDue));
    expect(await openFindings()).toEqual([]);
    const returned = await decide(project.id, 1, 'filing-confirmation', 'return', dataBureau, {
      checklist: { reportComplete: { ok: false, note: '缺竣工验收报告附件' } },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    await settled();
    expect(await funding()).toMatchObject({ construction: 'held', operations: 'held' });
    expect((await projectOf(project.id, token)).filedOn).toBeNull();
    await sweepAsOf(dayAfter(filingDue));
    expect(await openFindings()).toEqual([['ART29-FILING', 'acceptance']]);
    await file();
    expect((await decide(project.id, 2, 'filing-confirmation', 'approve', dataBureau)).status).toBe(200);
    await settled();
    expect((await projectOf(project.id, token)).filedOn).toBe(today());
    expect(await funding()).toMatchObject({ construction: 'allowed', operations: 'allowed', holds: [] });

    // ART07: a report off the government cloud holds O&M funds at once; returned by the bureau, the hold
    // stays; corrected and confirmed, it lifts. A report in time awaiting confirmation is never found late.
    const year = firstOmYear(today(), DEFAULT_POLICY);
    const report = async (onGovCloud: boolean) =>
      post(
        path('/operations-reports'),
        token,
        {
          year,
          onGovCloud,
          dataSharedAsDeclared: true,
          collaboratingAsDeclared: true,
          evidenceDocumentId: await doc(project.id, token, 'operations-evidence'),
        },
        201,
      );
    await report(false);
    expect(await funding()).toMatchObject({ operations: 'held', holds: [{ code: 'ART07-OM-FUNDING' }] });
    // One filing awaits the bureau at a time.
    const second = await call('POST', path('/operations-reports'), {
      token,
      body: {
        year,
        onGovCloud: true,
        dataSharedAsDeclared: true,
        collaboratingAsDeclared: true,
        evidenceDocumentId: await doc(project.id, token, 'operations-evidence'),
      },
    });
    expect(second.status).toBe(409);
    expect((await decide(project.id, 3, 'om-report-confirmation', 'return', dataBureau)).status).toBe(200);
    await settled();
    expect(await funding()).toMatchObject({ operations: 'held' });
    await report(true);
    expect(await funding()).toMatchObject({ operations: 'held' });
    await sweepAsOf(dayAfter(omDueDate(year, DEFAULT_POLICY)));
    expect((await openFindings()).filter(([code]) => code === 'ART07-OM-FUNDING')).toEqual([
      ['ART07-OM-FUNDING', omReportKey(year)],
    ]);
    const confirmed = await decide(project.id, 4, 'om-report-confirmation', 'approve', dataBureau);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await settled();
    await eventually(async () => ((await funding()).operations === 'allowed' ? true : undefined));
    expect((await dutiesOf(project.id, token)).find((d) => d.key === omDutyKey(year))?.status).toBe('fulfilled');
    expect((await openFindings()).filter(([code]) => code === 'ART07-OM-FUNDING')).toEqual([]);
  });
});
