import { apiEnvSchema, loadEnv } from '#shared/config/env.ts';
import { departmentRepository } from '#shared/store/department-repository.ts';

/**
 * What use cases need, built once per cold start. The clock is a dependency so that the domain
 * never reads it and tests can fix it.
 */
export const makeDeps = (env = loadEnv(apiEnvSchema)) => ({
  env,
  now: () => new Date(),
  departments: departmentRepository(env.TABLE_NAME),
});
export type Deps = ReturnType<typeof makeDeps>;

let cached: Deps | undefined;
/** The per-cold-start dependencies; the environment is validated on first use. */
export const deps = (): Deps => (cached ??= makeDeps());
