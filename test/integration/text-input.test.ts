import { describe, expect, it } from 'vitest';
import { call, runtime, tokenFor } from './support/client.ts';
import { createProject, emergencyBody, people, projectBody, uniqueDept } from './support/scenario.ts';

type Problem = { status: number; code: string; violations?: { path?: string; message: string }[] };

const refusal = (response: { status: number; body: Problem }) => [
  response.status,
  response.body.code,
  response.body.violations?.map((v) => v.path),
];

describe('text input (issue #15 item 6)', () => {
  it('refuses a body that is not UTF-8 with 400 VALIDATION instead of replacing the bytes', async () => {
    const { staff } = people(uniqueDept('utf8'));
    const json = JSON.stringify(projectBody({ name: 'NAME' }));
    const [before, after] = json.split('NAME') as [string, string];
    const body = Buffer.concat([Buffer.from(before), Buffer.from([0xe9, 0x99, 0x0a, 0xff]), Buffer.from(after)]);
    const response = await fetch(`${runtime().url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await staff()}`, 'content-type': 'application/json' },
      body,
    });
    const problem = (await response.json()) as Problem;
    expect([response.status, problem.code, problem.violations?.[0]?.path]).toEqual([400, 'VALIDATION', 'body']);
    expect(problem.violations?.[0]?.message).toMatch(/UTF-8/);
  });

  it('refuses NUL, line breaks, bidi controls and blank text in a single-line name, naming the field', async () => {
    const { staff } = people(uniqueDept('oneline'));
    const token = await staff();
    for (const name of [
      'a\u0000b',
      '县平台\n第二行',
      '县\r平台',
      'abc\u202Etxt.exe',
      'x\u2066y',
      '\u200B\u200C',
      ' \u3000 ',
    ]) {
      const response = await call<Problem>('POST', '/v1/projects', { token, body: projectBody({ name }) });
      expect(refusal(response), JSON.stringify(name)).toEqual([400, 'VALIDATION', ['name']]);
    }
    const admin = await tokenFor({ roles: ['admin'], sub: 'text-admin' });
    const department = await call<Problem>('PUT', `/v1/departments/${uniqueDept('text')}`, {
      token: admin,
      body: { name: '教育局', dataManagementUnit: { name: '信息\t中心', contact: '0356' } },
    });
    expect(refusal(department)).toEqual([400, 'VALIDATION', ['dataManagementUnit.name']]);
  });

  it('keeps line breaks in multi-line text but refuses the other controls there', async () => {
    const { staff } = people(uniqueDept('multiline'));
    const token = await staff();
    const emergency = (justification: string) => projectBody({ emergency: emergencyBody({ justification }) });
    const kept = await call<{ emergency: { justification: string } }>('POST', '/v1/projects', {
      token,
      body: emergency('山洪冲毁机房\r\n需立即恢复\n见附件'),
    });
    expect(kept.status).toBe(201);
    expect(kept.body.emergency.justification).toBe('山洪冲毁机房\r\n需立即恢复\n见附件');
    for (const justification of ['山洪\u0000', '山洪\r冲毁', '\u202D山洪', '\u2060']) {
      const response = await call<Problem>('POST', '/v1/projects', { token, body: emergency(justification) });
      expect(refusal(response), JSON.stringify(justification)).toEqual([
        400,
        'VALIDATION',
        ['emergency.justification'],
      ]);
    }
    const interop = await call<Problem>('POST', '/v1/projects', {
      token,
      body: projectBody({
        interop: { interconnection: '政务外网', dataSharing: '共享\u0007', businessCollaboration: '' },
      }),
    });
    expect(refusal(interop)).toEqual([400, 'VALIDATION', ['interop.dataSharing']]);
  });

  it('refuses a document file name on two lines or with a bidi override', async () => {
    const { staff } = people(uniqueDept('filename'));
    const project = await createProject(await staff());
    for (const fileName of ['plan\n.pdf', 'plan\u202Efdp.exe.pdf', '\u200B']) {
      const response = await call<Problem>('POST', `/v1/projects/${project.id}/documents`, {
        token: await staff(),
        body: {
          kind: 'construction-plan',
          fileName,
          contentType: 'application/pdf',
          sizeBytes: 10,
          sha256: 'a'.repeat(64),
        },
      });
      expect(refusal(response), JSON.stringify(fileName)).toEqual([400, 'VALIDATION', ['fileName']]);
    }
  });

  it('takes ?limit= and the calendar numbers in decimal digits only: 0x10, " 200", 1e2 and +5 are 400', async () => {
    const token = await tokenFor({ roles: ['admin'], sub: 'text-limit' });
    for (const limit of ['0x10', '%20200', '1e2', '%2B5', '+5', '5.0', '', '-1', '0', '201']) {
      const response = await call<Problem>('GET', `/v1/projects?limit=${limit}`, { token });
      expect(refusal(response), limit).toEqual([400, 'VALIDATION', ['query.limit']]);
    }
    expect((await call('GET', '/v1/projects?limit=007', { token })).status).toBe(200);
    expect(refusal(await call<Problem>('GET', '/v1/calendar/0x7EA', { token }))).toEqual([
      400,
      'VALIDATION',
      ['params.year'],
    ]);
    expect(refusal(await call<Problem>('GET', '/v1/annual-plans/2026.0', { token }))).toEqual([
      400,
      'VALIDATION',
      ['params.year'],
    ]);
    expect(refusal(await call<Problem>('GET', '/v1/calendar/working-days?from=2026-01-05&add=1e1', { token }))).toEqual(
      [400, 'VALIDATION', ['query.add']],
    );
    expect((await call('GET', '/v1/calendar/working-days?from=2026-01-05&add=10', { token })).status).toBe(200);
  });
});
