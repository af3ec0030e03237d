import { apiEnvSchema, loadEnv } from '#shared/config/env.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { annualPlanRepository } from '#shared/store/annual-plan-repository.ts';
import { approvalWorkflow } from '#shared/store/approval-workflow.ts';
import { departmentRepository } from '#shared/store/department-repository.ts';
import { documentRepository } from '#shared/store/document-repository.ts';
import { idempotencyRepository } from '#shared/store/idempotency-repository.ts';
import { projectRepository } from '#shared/store/project-repository.ts';

/**
 * What use cases need, built once per cold start. The clock and the policy are dependencies so
 * that the domain never reads them itself and tests can fix them.
 */
export const makeDeps = (env = loadEnv(apiEnvSchema)) => ({
  env,
  now: () => new Date(),
  policy: DEFAULT_POLICY,
  departments: departmentRepository(env.TABLE_NAME),
  projects: projectRepository(env.TABLE_NAME),
  documents: documentRepository(env.TABLE_NAME),
  idempotency: idempotencyRepository(env.TABLE_NAME),
  annualPlans: annualPlanRepository(env.TABLE_NAME),
  approval: approvalWorkflow(env.APPROVAL_STATE_MACHINE_ARN),
});
export type Deps = ReturnType<typeof makeDeps>;

let cached: Deps | undefined;
/** The per-cold-start dependencies; the environment is validated on first use. */
export const deps = (): Deps => {
  cached ??= makeDeps();
  return cached;
};
