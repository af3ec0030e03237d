import {
  apiEnvSchema,
  documentEventsEnvSchema,
  dossierBuilderEnvSchema,
  loadEnv,
  reminderEnvSchema,
  sweepEnvSchema,
  workflowEnvSchema,
} from '#shared/config/env.ts';
import { DEFAULT_POLICY, type Policy } from '#shared/domain/policy.ts';
import type { Adapter, Adapters } from './adapters.ts';
import type { DossierArchive, DossierRecords, DossierSigner } from './dossiers/dossier-ports.ts';
import type {
  AnnualPlans,
  Calendars,
  CodeRegister,
  Departments,
  DocumentInspection,
  DocumentObjectStore,
  DocumentStore,
  DossierBuilds,
  EscalationNotices,
  Findings,
  IdempotencyRecords,
  Notifications,
  Obligations,
  ProjectRecords,
  ProjectStore,
  Register,
  ReminderDigests,
  Tasks,
  Workflows,
} from './ports.ts';

export type { Adapter, Adapters } from './adapters.ts';

export interface DepsEnv {
  readonly TABLE_NAME: string;
  readonly BUCKET_NAME: string;
  /** Only API functions start workflows; workflow steps must not reference their own machines. */
  readonly APPROVAL_STATE_MACHINE_ARN?: string;
  readonly ACCEPTANCE_STATE_MACHINE_ARN?: string;
  readonly EMERGENCY_STATE_MACHINE_ARN?: string;
  readonly FILING_STATE_MACHINE_ARN?: string;
  readonly BUDGET_STATE_MACHINE_ARN?: string;
  /** The approval workflow's steps announce overdue reviews; the reminders publish their digests there too. */
  readonly ESCALATION_TOPIC_ARN?: string;
  /** The dossier builds (ART33): the API starts them; the builder and the key route sign or publish. */
  readonly DOSSIER_STATE_MACHINE_ARN?: string;
  readonly DOSSIER_KEY_ID?: string;
  /** Only where an SM2 key signs too (aws-cn, and locally). */
  readonly DOSSIER_SM2_KEY_ID?: string;
  /** Keys a rotation retired, comma-separated (the key route publishes them). */
  readonly DOSSIER_RETIRED_KEY_IDS?: string;
}

/**
 * Everything a use case may ask for, each adapter by its port (ports.ts). The clock and the policy are dependencies so that the domain
 * never reads them itself and tests can fix them. Use cases take the `Pick` they need.
 */
export interface Deps {
  readonly env: DepsEnv;
  readonly now: () => Date;
  readonly policy: Policy;
  readonly departments: Departments;
  readonly projects: ProjectStore & CodeRegister;
  readonly documents: DocumentStore;
  readonly objects: DocumentObjectStore;
  readonly inspector: DocumentInspection;
  readonly idempotency: IdempotencyRecords;
  readonly annualPlans: AnnualPlans;
  readonly calendar: Calendars;
  readonly tasks: Tasks;
  readonly obligations: Obligations;
  readonly findings: Findings;
  readonly records: ProjectRecords;
  readonly workflows: Workflows;
  readonly notices: EscalationNotices;
  readonly register: Register;
  readonly dossiers: DossierRecords;
  readonly dossierArchive: DossierArchive;
  readonly dossierSigner: DossierSigner;
  readonly dossierBuilds: DossierBuilds;
  readonly notifications: Notifications;
  readonly digests: ReminderDigests;
}

// Every adapter named in adapters.ts is a dependency here, and every dependency but the three
// every function has is an adapter there: the compiler holds the two lists together.
const adaptersAreDeps: [Adapter] extends [keyof Deps] ? true : never = true;
const depsAreAdapters: [Exclude<keyof Deps, 'env' | 'now' | 'policy'>] extends [Adapter] ? true : never = true;
void adaptersAreDeps;
void depsAreAdapters;

/** How each adapter is made from the function's environment (each store module exports its own). */
export type Wiring<A extends Adapters> = { readonly [K in keyof A & Adapter]: (env: DepsEnv) => Deps[K] };
export type Wired<A extends Adapters> = Pick<Deps, 'env' | 'now' | 'policy' | (keyof A & Adapter)>;

type Factories = { readonly [K in Adapter]?: (env: DepsEnv) => Deps[K] };

/** The adapters `wiring` names, made from `env`, beside the clock and the policy. */
export const build = <W extends Factories>(
  env: DepsEnv,
  wiring: W,
): Pick<Deps, 'env' | 'now' | 'policy' | (keyof W & Adapter)> =>
  ({
    env,
    now: () => new Date(),
    policy: DEFAULT_POLICY,
    ...Object.fromEntries(Object.entries(wiring).map(([name, make]) => [name, (make as (e: DepsEnv) => unknown)(env)])),
  }) as Pick<Deps, 'env' | 'now' | 'policy' | (keyof W & Adapter)>;

/**
 * A function's dependencies, built once per cold start and only of the adapters its declaration
 * names (its route's `adapters`, or its trigger's): the compiler holds the wiring to exactly those,
 * the grants follow the declaration, and a handler imports the store modules it uses and no
 * other, so its bundle carries no S3 client, file sniffer or holiday table it never calls. The
 * environment is validated on first use.
 */
const wire =
  (environment: () => DepsEnv) =>
  <A extends Adapters>(_declared: A, wiring: Wiring<A>): (() => Wired<A>) => {
    let built: Wired<A> | undefined;
    return () => {
      built ??= build(environment(), wiring as Factories) as Wired<A>;
      return built;
    };
  };

export const apiDeps = wire(() => loadEnv(apiEnvSchema));
export const workflowDeps = wire(() => loadEnv(workflowEnvSchema));
export const documentEventDeps = wire(() => loadEnv(documentEventsEnvSchema));
export const sweepDeps = wire(() => loadEnv(sweepEnvSchema));
export const reminderDeps = wire(() => loadEnv(reminderEnvSchema));
export const dossierBuilderDeps = wire(() => loadEnv(dossierBuilderEnvSchema));
