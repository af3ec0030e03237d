import { apiEnvSchema, documentEventsEnvSchema, loadEnv, workflowEnvSchema } from '#shared/config/env.ts';
import { DEFAULT_POLICY, type Policy } from '#shared/domain/policy.ts';
import type { AnnualPlanRepository } from '#shared/store/annual-plan-repository.ts';
import type { ApprovalWorkflow } from '#shared/store/approval-workflow.ts';
import type { CalendarRepository } from '#shared/store/calendar-repository.ts';
import type { DepartmentRepository } from '#shared/store/department-repository.ts';
import type { DocumentObjects } from '#shared/store/document-objects.ts';
import type { DocumentRepository } from '#shared/store/document-repository.ts';
import type { EscalationNotices } from '#shared/store/escalation-notices.ts';
import type { FindingRepository } from '#shared/store/finding-repository.ts';
import type { IdempotencyRepository } from '#shared/store/idempotency-repository.ts';
import type { ObligationRepository } from '#shared/store/obligation-repository.ts';
import type { ProjectRepository } from '#shared/store/project-repository.ts';
import type { RegisterRepository } from '#shared/store/register-repository.ts';
import type { TaskRepository } from '#shared/store/task-repository.ts';

export interface DepsEnv {
  readonly TABLE_NAME: string;
  readonly BUCKET_NAME: string;
  /** Only API functions start workflows; workflow steps must not reference their own machine. */
  readonly APPROVAL_STATE_MACHINE_ARN?: string;
  /** Only the approval workflow's steps announce overdue reviews. */
  readonly ESCALATION_TOPIC_ARN?: string;
}

/**
 * Everything a use case may ask for. The clock and the policy are dependencies so that the domain
 * never reads them itself and tests can fix them. Use cases take the `Pick` they need.
 */
export interface Deps {
  readonly env: DepsEnv;
  readonly now: () => Date;
  readonly policy: Policy;
  readonly departments: DepartmentRepository;
  readonly projects: ProjectRepository;
  readonly documents: DocumentRepository;
  readonly objects: DocumentObjects;
  readonly idempotency: IdempotencyRepository;
  readonly annualPlans: AnnualPlanRepository;
  readonly calendar: CalendarRepository;
  readonly tasks: TaskRepository;
  readonly obligations: ObligationRepository;
  readonly findings: FindingRepository;
  readonly approval: ApprovalWorkflow;
  readonly notices: EscalationNotices;
  readonly register: RegisterRepository;
}

type Adapter = Exclude<keyof Deps, 'env' | 'now' | 'policy'>;
/** How each adapter is made from the function's environment (each store module exports its own). */
export type Wiring = { readonly [K in Adapter]?: (env: DepsEnv) => Deps[K] };
export type Wired<W extends Wiring> = Pick<Deps, 'env' | 'now' | 'policy' | (keyof W & Adapter)>;

/** The adapters `wiring` names, made from `env`, beside the clock and the policy. */
export const build = <W extends Wiring>(env: DepsEnv, wiring: W): Wired<W> =>
  ({
    env,
    now: () => new Date(),
    policy: DEFAULT_POLICY,
    ...Object.fromEntries(Object.entries(wiring).map(([name, make]) => [name, make(env)])),
  }) as Wired<W>;

/**
 * A function's dependencies, built once per cold start and only of the adapters it names: a
 * handler imports the store modules it uses and no other, so its bundle carries no S3 client,
 * file sniffer or holiday table it never calls. The environment is validated on first use.
 */
const wire =
  (environment: () => DepsEnv) =>
  <W extends Wiring>(wiring: W): (() => Wired<W>) => {
    let built: Wired<W> | undefined;
    return () => {
      built ??= build(environment(), wiring);
      return built;
    };
  };

export const apiDeps = wire(() => loadEnv(apiEnvSchema));
export const workflowDeps = wire(() => loadEnv(workflowEnvSchema));
/** Event and sweep functions (their environments are the same). */
export const systemDeps = wire(() => loadEnv(documentEventsEnvSchema));
