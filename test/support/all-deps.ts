import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { inspector } from '#shared/store/document-inspector.ts';
import { objects } from '#shared/store/document-objects.ts';
import { documents } from '#shared/store/document-repository.ts';
import { dossierArchiveOf } from '#shared/store/dossier-archive.ts';
import { dossierBuilds } from '#shared/store/dossier-builds.ts';
import { dossiers } from '#shared/store/dossier-repository.ts';
import { dossierSigner } from '#shared/store/dossier-signer.ts';
import { notices } from '#shared/store/escalation-notices.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { notifications } from '#shared/store/notification-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { register } from '#shared/store/register-repository.ts';
import { digests } from '#shared/store/reminder-digests.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { build, type Deps, type DepsEnv } from '#shared/use-cases/deps.ts';

/** Every adapter, for tests and benches that call use cases directly against the local runtime. */
export const allDeps = (env: DepsEnv): Deps =>
  build(env, {
    annualPlans,
    calendar,
    departments,
    objects,
    inspector,
    documents,
    notices,
    findings,
    idempotency,
    obligations,
    projects,
    records,
    register,
    tasks,
    workflows,
    dossiers,
    dossierArchive: dossierArchiveOf,
    dossierSigner,
    dossierBuilds,
    notifications,
    digests,
  });
