import * as z from 'zod';

/**
 * The environment of each kind of function, validated once at cold start. The CDK house
 * function construct types a function's `environment` from the same schema, so a missing
 * variable is a compile error in infra/ and a clear start-up failure at run time.
 */
const common = {
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  /** Set by the local runtime only: s3rver answers path-style requests. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
};

export const apiEnvSchema = z.object({
  ...common,
  APPROVAL_STATE_MACHINE_ARN: z.string().min(1),
  ACCEPTANCE_STATE_MACHINE_ARN: z.string().min(1),
  /** ART15: the Data Bureau's confirmation of an emergency that started building. */
  EMERGENCY_STATE_MACHINE_ARN: z.string().min(1),
  /** ART29, ART07: the Data Bureau's confirmation of a filing or a yearly O&M report. */
  FILING_STATE_MACHINE_ARN: z.string().min(1),
  /** ART22: Finance's budget review of a filed change that raises the total above the approved budget. */
  BUDGET_STATE_MACHINE_ARN: z.string().min(1),
  /** Browsers upload from here; presigned URLs are only as good as the CORS that lets them through. */
  PORTAL_ORIGIN: z.string().min(1),
  /**
   * How the county's identity provider names what the API reads (stack parameters; unset or the
   * defaults mean "as ours"): its department claim, its role list, its display name, and the prefix
   * that marks its groups that are roles here. Applied by shared/http/actor.ts.
   */
  CLAIM_DEPT: z.string().min(1).optional(),
  CLAIM_ROLES: z.string().min(1).optional(),
  CLAIM_NAME: z.string().min(1).optional(),
  CLAIM_ROLE_PREFIX: z.string().optional(),
  /** ART33: the dossier builds this API starts, and the keys whose public halves it publishes. */
  DOSSIER_STATE_MACHINE_ARN: z.string().min(1),
  DOSSIER_KEY_ID: z.string().min(1),
  DOSSIER_SM2_KEY_ID: z.string().min(1).optional(),
  /** Where POST /v1/reminders publishes the morning's digests (the notification topic). */
  ESCALATION_TOPIC_ARN: z.string().min(1).optional(),
  /** Keys a rotation retired, comma-separated: still published, so the dossiers they signed verify. */
  DOSSIER_RETIRED_KEY_IDS: z.string().min(1).optional(),
});

export const workflowEnvSchema = z.object({
  ...common,
  /** Where an overdue review is announced to the heads of the reviewing bureaus. */
  ESCALATION_TOPIC_ARN: z.string().min(1),
});
export const documentEventsEnvSchema = z.object(common);
/** The sweep repairs stranded reviews through the workflows (it starts a round a crash left unstarted). */
export const sweepEnvSchema = z.object({
  ...common,
  /** The sweep repairs stranded reviews of every workflow, so it may start a round of each. */
  APPROVAL_STATE_MACHINE_ARN: z.string().min(1),
  ACCEPTANCE_STATE_MACHINE_ARN: z.string().min(1),
  EMERGENCY_STATE_MACHINE_ARN: z.string().min(1),
  FILING_STATE_MACHINE_ARN: z.string().min(1),
  BUDGET_STATE_MACHINE_ARN: z.string().min(1),
});
/** The morning's reminders publish their digests on the notification topic. */
export const reminderEnvSchema = z.object({
  ...common,
  ESCALATION_TOPIC_ARN: z.string().min(1),
});
/** The dossier builder signs with the ES256 key and, where the partition offers one, the SM2 key. */
export const dossierBuilderEnvSchema = z.object({
  ...common,
  DOSSIER_KEY_ID: z.string().min(1),
  DOSSIER_SM2_KEY_ID: z.string().min(1).optional(),
});

export type EnvSchema = z.ZodObject<Record<string, z.ZodType<string | undefined>>>;

/** Parse process.env against a function's schema; a failure names every missing variable. */
export const loadEnv = <S extends EnvSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid function environment: ${names}`);
  }
  return parsed.data;
};
