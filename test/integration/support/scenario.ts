import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { checklistItems, REVIEWS, type ReviewKind } from '#shared/domain/review-catalogue.ts';
import type { Role } from '#shared/domain/roles.ts';
import { emergencyBody, projectBody } from '../../support/project-body.ts';
import { call, tokenFor } from './client.ts';

/** A minimal but real PDF: what file-type recognises by its magic bytes. */
export const pdfBytes = (label: string = randomUUID()) =>
  Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A real 1×1 PNG. */
export const pngBytes = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** People of a department (or a bureau), each with a stable subject. */
export const people = (dept: string) => ({
  staff: () => tokenFor({ roles: ['dept-staff'], dept, sub: `${dept}-staff`, name: `${dept} 经办人` }),
  head: () => tokenFor({ roles: ['dept-head'], dept, sub: `${dept}-head`, name: `${dept} 主要负责人` }),
});
export const bureau = (role: Role, sub = `${role}-reviewer`) =>
  tokenFor({ roles: [role], dept: `${role}-bureau`, sub });

export const uniqueDept = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export { emergencyBody, projectBody };

export const registerDepartment = async (dept: string, withDataUnit = true) => {
  const admin = await tokenFor({ roles: ['admin'], sub: 'scenario-admin' });
  const response = await call('PUT', `/v1/departments/${dept}`, {
    token: admin,
    body: {
      name: `${dept} 局`,
      ...(withDataUnit ? { dataManagementUnit: { name: '信息股', contact: '0356-0000000' } } : {}),
    },
  });
  expect(response.status).toBe(200);
};

export interface Project {
  id: string;
  code: string;
  version: number;
  stage: string;
  openReviews: string[];
  [key: string]: unknown;
}

export const createProject = async (token: string, overrides: Record<string, unknown> = {}) => {
  const response = await call<Project>('POST', '/v1/projects', { token, body: projectBody(overrides) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
};

/** Declares a document, uploads the bytes with fetch to the presigned URL, and waits for the verdict. */
export const upload = async (
  projectId: string,
  token: string,
  kind: string,
  options: { bytes?: Buffer; declaredSha?: string; contentType?: string; fileName?: string } = {},
) => {
  const bytes = options.bytes ?? pdfBytes();
  const response = await call<{ document: { id: string }; upload: { url: string; headers: Record<string, string> } }>(
    'POST',
    `/v1/projects/${projectId}/documents`,
    {
      token,
      body: {
        kind,
        fileName: options.fileName ?? `${kind}.pdf`,
        contentType: options.contentType ?? 'application/pdf',
        sizeBytes: bytes.length,
        sha256: options.declaredSha ?? sha256(bytes),
      },
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const put = await fetch(response.body.upload.url, {
    method: 'PUT',
    headers: response.body.upload.headers,
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  const documentId = response.body.document.id;
  const status = await eventually(async () => {
    const read = await call<{ status: string }>('GET', `/v1/projects/${projectId}/documents/${documentId}`, { token });
    return read.body.status === 'pending' ? undefined : read.body.status;
  });
  return { documentId, status };
};

/** Polls until `probe` returns a value (the workflow and the verifier work asynchronously). */
export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A department with a complete, signed declaration ready to submit. */
export const readyProject = async (overrides: Record<string, unknown> = {}, dept = uniqueDept('ready')) => {
  await registerDepartment(dept);
  const { staff, head } = people(dept);
  let project = await createProject(await staff(), overrides);
  for (const kind of ['collective-decision', 'construction-plan', 'expert-opinion']) {
    expect((await upload(project.id, await staff(), kind)).status).toBe('verified');
  }
  const deployment = overrides.deployment as { target: string } | undefined;
  if (deployment && deployment.target !== 'gov-cloud') {
    // ART26: off the government cloud, the declaration carries its risk assessment.
    const assessment = await upload(project.id, await staff(), 'risk-assessment');
    const current = await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() });
    const patched = await call<Project>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(current.body.version) },
      body: { deployment: { ...deployment, riskAssessmentDocumentId: assessment.documentId } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    project = patched.body;
  }
  const review = await upload(project.id, await head(), 'internal-compliance-review');
  const signed = await call<Project>('POST', `/v1/projects/${project.id}/sign-off`, {
    token: await head(),
    body: { internalReviewDocumentId: review.documentId },
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  return { project: signed.body, dept, staff, head };
};

export const submit = async (projectId: string, token: string) => {
  const response = await call<Project>('POST', `/v1/projects/${projectId}/submit`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body;
};

/** A review task's id: the project, the workflow and round it belongs to, and its kind. */
export const taskIdOf = (projectId: string, round: number, kind: string, workflow = workflowOf(kind)) =>
  `${projectId}.${workflow}.${round}.${kind}`;
const workflowOf = (kind: string) => REVIEWS[kind as ReviewKind].workflow;

/** Waits until the workflow has opened this review task. */
export const openTask = (projectId: string, submission: number, kind: string, token: string) =>
  eventually(async () => {
    const response = await call<{ status: string; id: string; checklistItems: string[] }>(
      'GET',
      `/v1/tasks/${taskIdOf(projectId, submission, kind)}`,
      {
        token,
      },
    );
    return response.status === 200 && response.body.status === 'open' ? response.body : undefined;
  });

/** Every item of a review's checklist answered ok, as the catalogue names them. */
export const allOk = (kind: ReviewKind) => Object.fromEntries(checklistItems(kind).map((item) => [item, { ok: true }]));
export const TECH_CHECKLIST = allOk('tech-review');

/**
 * A reviewer decides: uploads its opinion document when approving (a confirmation has none), then
 * posts the decision, answering ok every item the task lists (an emergency's technical review
 * asks one more) unless `extra.checklist` says otherwise.
 */
export const decide = async (
  projectId: string,
  submission: number,
  kind: string,
  decision: 'approve' | 'reject' | 'return',
  token: string,
  extra: Record<string, unknown> = {},
) => {
  const task = await openTask(projectId, submission, kind, token);
  const opinionKind = REVIEWS[kind as ReviewKind].opinion;
  const opinion =
    decision === 'approve' && opinionKind ? (await upload(projectId, token, opinionKind)).documentId : undefined;
  return call<Record<string, unknown>>('POST', `/v1/tasks/${taskIdOf(projectId, submission, kind)}/decision`, {
    token,
    body: {
      decision,
      opinion: `${kind} ${decision}: 意见`,
      ...(opinion ? { opinionDocumentId: opinion } : {}),
      checklist: Object.fromEntries(task.checklistItems.map((item) => [item, { ok: true }])),
      ...extra,
    },
  });
};

export const stageOf = async (projectId: string, token: string) =>
  (await call<Project>('GET', `/v1/projects/${projectId}`, { token })).body;

export const waitForStage = (projectId: string, token: string, stage: string) =>
  eventually(async () => {
    const project = await stageOf(projectId, token);
    return project.stage === stage ? project : undefined;
  });
