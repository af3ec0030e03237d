import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { traced } from '#shared/observability/tracer.ts';
import type { DossierBuildInput, DossierBuilds } from '#shared/use-cases/ports.ts';

/** Created once per cold start; the endpoint comes from AWS_ENDPOINT_URL_SFN locally. */
const client = traced(new SFNClient({}));

/**
 * Starts a dossier's build outside the request (a state machine of one task, the builder), one
 * execution per dossier, named after it, so a retried start is the same build, never a second.
 */
export const dossierBuildsOf = (stateMachineArn: string | undefined) => ({
  async start(input: DossierBuildInput): Promise<void> {
    if (!stateMachineArn) throw new Error('This function starts no dossier builds.');
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: `dossier-${input.dossierId}`,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  },
});
// The store is what its port asks for (the compiler holds the two together).
dossierBuildsOf satisfies (stateMachineArn: string | undefined) => DossierBuilds;

/** The `dossierBuilds` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const dossierBuilds = (env: { readonly DOSSIER_STATE_MACHINE_ARN?: string }): DossierBuilds =>
  dossierBuildsOf(env.DOSSIER_STATE_MACHINE_ARN);
