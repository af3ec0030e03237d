import type * as z from 'zod';
import {
  AccountabilityRecordSchema,
  OperationsReportSchema,
  PreliminaryAcceptanceSchema,
  SelfEvaluationSchema,
} from './acceptance.ts';
import { ChangeSchema } from './change.ts';
import { AssetsSchema, BaselineRecordSchema, MilestoneReportSchema, SecurityRecordSchema } from './construction.ts';
import { ContractSchema } from './contract.ts';
import { DisposalReportSchema } from './decommission.ts';
import { ImplementationSchema, ProcurementNoticeSchema, ProcurementPlanSchema } from './procurement.ts';
import { WaiverSchema } from './waiver.ts';

/**
 * A project's phase data, each kind its own items beside the project (never fields of it), one
 * schema each: written in the same transaction as the project change and its audit event, read
 * back and listed by kind. Adding a kind of record is a row here.
 */
export const PHASE_RECORDS = {
  'procurement-plan': ProcurementPlanSchema,
  'procurement-notice': ProcurementNoticeSchema,
  contract: ContractSchema,
  implementation: ImplementationSchema,
  baseline: BaselineRecordSchema,
  'milestone-report': MilestoneReportSchema,
  assets: AssetsSchema,
  'security-record': SecurityRecordSchema,
  change: ChangeSchema,
  'preliminary-acceptance': PreliminaryAcceptanceSchema,
  'self-evaluation': SelfEvaluationSchema,
  'operations-report': OperationsReportSchema,
  'disposal-report': DisposalReportSchema,
  'accountability-record': AccountabilityRecordSchema,
  waiver: WaiverSchema,
} as const;
export type RecordKind = keyof typeof PHASE_RECORDS;
export type PhaseRecord<K extends RecordKind> = z.infer<(typeof PHASE_RECORDS)[K]>;

/** The id of a record a project has at most one of (its procurement plan, implementation, baseline, assets). */
export const SINGLE = 'current';

/** Every record of a project, by kind (what a gate reads before a stage is left). */
export type RecordsByKind = { [K in RecordKind]: PhaseRecord<K>[] };
