import { apiEnvSchema, documentEventsEnvSchema, loadEnv, workflowEnvSchema } from '#shared/config/env.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { annualPlanRepository } from '#shared/store/annual-plan-repository.ts';
import { approvalWorkflow } from '#shared/store/approval-workflow.ts';
import { calendarRepository } from '#shared/store/calendar-repository.ts';
import { departmentRepository } from '#shared/store/department-repository.ts';
import { documentObjects } from '#shared/store/document-objects.ts';
import { documentRepository } from '#shared/store/document-repository.ts';
import { escalationNotices } from '#shared/store/escalation-notices.ts';
import { findingRepository } from '#shared/store/finding-repository.ts';
import { idempotencyRepository } from '#shared/store/idempotency-repository.ts';
import { obligationRepository } from '#shared/store/obligation-repository.ts';
import { projectRepository } from '#shared/store/project-repository.ts';
import { taskRepository } from '#shared/store/task-repository.ts';

interface DepsEnv {
  readonly TABLE_NAME: string;
  readonly BUCKET_NAME: string;
  /** Only API functions start workflows; workflow steps must not reference their own machine. */
  readonly APPROVAL_STATE_MACHINE_ARN?: string;
  /** Only the approval workflow's steps announce overdue reviews. */
  readonly ESCALATION_TOPIC_ARN?: string;
}

/**
 * What use cases need, built once per cold start. The clock and the policy are dependencies so
 * that the domain never reads them itself and tests can fix them.
 */
export const makeDeps = (env: DepsEnv) => ({
  env,
  now: () => new Date(),
  policy: DEFAULT_POLICY,
  departments: departmentRepository(env.TABLE_NAME),
  projects: projectRepository(env.TABLE_NAME),
  documents: documentRepository(env.TABLE_NAME),
  objects: documentObjects(env.BUCKET_NAME),
  idempotency: idempotencyRepository(env.TABLE_NAME),
  annualPlans: annualPlanRepository(env.TABLE_NAME),
  calendar: calendarRepository(env.TABLE_NAME),
  tasks: taskRepository(env.TABLE_NAME),
  obligations: obligationRepository(env.TABLE_NAME),
  findings: findingRepository(env.TABLE_NAME),
  approval: approvalWorkflow(env.APPROVAL_STATE_MACHINE_ARN),
  notices: escalationNotices(env.ESCALATION_TOPIC_ARN),
});
export type Deps = ReturnType<typeof makeDeps>;

let api: Deps | undefined;
let workflow: Deps | undefined;
let system: Deps | undefined;

/** API functions' dependencies; the environment is validated on first use. */
export const deps = (): Deps => {
  api ??= makeDeps(loadEnv(apiEnvSchema));
  return api;
};

/** The approval workflow's steps. */
export const workflowDeps = (): Deps => {
  workflow ??= makeDeps(loadEnv(workflowEnvSchema));
  return workflow;
};

/** Event and sweep functions' dependencies (their environments are the same). */
export const systemDeps = (): Deps => {
  system ??= makeDeps(loadEnv(documentEventsEnvSchema));
  return system;
};
