import { randomUUID } from 'node:crypto';
import { refuseHeldDocuments } from '#shared/domain/document-claims.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { type PhaseRecord, type RecordKind, type RecordsByKind, SINGLE } from '#shared/domain/phase-records.ts';
import { type Phase, phaseDocuments, unverifiedDocuments, type Verified } from '#shared/domain/phases.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor, Role } from '#shared/domain/roles.ts';
import type { Violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { loadForOwner, verifiedDocuments } from './owner-action.ts';
import { loadVisible } from './project-access.ts';

export type PhaseDeps = Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>;
type Write = ReturnType<Deps['records']['put']>;

/** What a filing has read when its own rules are asked: the body, the project, its records and documents. */
export interface Filing<Body> {
  readonly body: Body;
  readonly actor: Actor;
  readonly project: StoredProject;
  readonly records: RecordsByKind;
  readonly verified: Verified;
  readonly now: Date;
  /** The project's duties, read once whichever step asks first (the refusals, the duty discharged). */
  readonly duties: () => Promise<readonly Obligation[]>;
}

/** What a filing writes beside its record: the audit event's action and details, the project's fields, more items. */
export interface PhaseEffects {
  readonly action: string;
  readonly details: Record<string, unknown>;
  readonly set?: Parameters<Deps['projects']['save']>[0]['set'];
  readonly with?: readonly Write[];
}

/**
 * A phase filing: its domain row (documents, rule, record kind, the duty it discharges) and what
 * differs from the skeleton, each hook the phase's own rule. Hooks run in the skeleton's order.
 */
export interface PhaseStep<K extends RecordKind, Body extends object, D extends PhaseDeps> {
  readonly phase: Phase & { readonly record: K };
  /** The idempotency scope, as the records of earlier requests name it. */
  readonly scope: string;
  /** Of the action's roles, only these (ART15: the head). */
  readonly roles?: readonly Role[];
  /** Any visible project, whatever its stage and owner (the bureaus' findings). */
  readonly anyProject?: true;
  /** Refusals of the body alone, before anything is read (dates not yet come). */
  readonly precheck?: (body: Body, now: Date) => void;
  /** Refusals of the project's state, thrown before the documents are judged (a second filing, a round under way). */
  readonly refuse?: (filing: Filing<Body>, deps: D) => void | Promise<void>;
  /** The phase's rules; by default, each named document verified of its field's kind. */
  readonly violations?: (filing: Filing<Body>) => Violation[];
  /** Which keys of the discharged duty this filing answers (all, by default). */
  readonly answers?: (filing: Filing<Body>) => readonly string[] | 'all';
  readonly build: (filing: Filing<Body>, base: RecordBase) => PhaseRecord<K>;
  readonly effects: (
    filing: Filing<Body> & { readonly at: string },
    record: PhaseRecord<K>,
    discharged: readonly Obligation[],
    deps: D,
  ) => PhaseEffects | Promise<PhaseEffects>;
  /** After the transaction: what is started by it (a workflow round). */
  readonly after?: (project: StoredProject, record: PhaseRecord<K>, deps: D) => Promise<void>;
}

export interface RecordBase {
  readonly id: string;
  readonly projectId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly recordedByName: string;
}

/** The phase's default rule: each named document a verified one of its field's kind. */
export const documentsVerified =
  (phase: Phase) =>
  ({ body, verified }: Filing<object>): Violation[] =>
    unverifiedDocuments(phase, body, verified);

/**
 * One way to record a phase (STYLE 19): idempotent under its key and read again on a lost race;
 * the project loaded for its owner in a stage the action allows; the named documents read once
 * and none already backing another record; the phase's refusals and rules; the record built and
 * saved with the duty it discharges and the audit event, in one transaction.
 */
export const recordPhase = <K extends RecordKind, Body extends object, D extends PhaseDeps>(
  step: PhaseStep<K, Body, D>,
  input: { id: string; actor: Actor; body: Body; idempotencyKey?: string | undefined },
  deps: D,
): Promise<PhaseRecord<K>> =>
  idempotentAction<PhaseRecord<K>>(
    { actor: input.actor, scope: step.scope, key: input.idempotencyKey, request: { id: input.id, ...input.body } },
    deps,
    async (remember) => {
      const { actor, body, id } = input;
      const { phase } = step;
      step.precheck?.(body, deps.now());
      const project =
        step.anyProject || phase.action === null
          ? await loadVisible(id, actor, deps)
          : await loadForOwner({ id, actor, action: phase.action, ...(step.roles ? { roles: step.roles } : {}) }, deps);
      const documents = Object.values(phaseDocuments(phase, body));
      const [records, verified] = await Promise.all([
        deps.records.all(project.id),
        verifiedDocuments(project.id, documents, deps),
      ]);
      let duties: Promise<readonly Obligation[]> | undefined;
      const filing: Filing<Body> = {
        body,
        actor,
        project,
        records,
        verified,
        now: deps.now(),
        duties: () => {
          duties ??= deps.obligations.ofProject(project.id);
          return duties;
        },
      };
      await step.refuse?.(filing, deps);
      refuseHeldDocuments(documents, records);
      refuseIfAny((step.violations ?? documentsVerified(phase))(filing));

      const at = deps.now().toISOString();
      const base = { id: phase.single ? SINGLE : randomUUID(), projectId: project.id, ...recorded(actor, at) };
      const record = step.build(filing, base);
      const duty = phase.discharges
        ? await fulfil(
            project,
            phase.discharges,
            step.answers?.(filing) ?? 'all',
            actor,
            at,
            deps,
            await filing.duties(),
          )
        : { items: [], settled: [] };
      const effects = await step.effects({ ...filing, at }, record, duty.settled, deps);
      await deps.projects.save({
        project,
        at,
        actor,
        action: effects.action,
        ...(effects.set ? { set: effects.set } : {}),
        details: effects.details,
        with: [
          deps.records.put(phase.record, record as PhaseRecord<K> & RecordBase, 'new'),
          ...duty.items,
          ...(effects.with ?? []),
          ...remember(record),
        ],
      });
      await step.after?.(project, record, deps);
      return record;
    },
  );
