import type { Project, Round, StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Outcome } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';

export type ConclusionDeps = Pick<
  Deps,
  'projects' | 'tasks' | 'records' | 'obligations' | 'findings' | 'calendar' | 'policy' | 'now'
>;

/** What a round's outcome does to its project: the fields it sets, what changes with it, what the audit event says. */
export type Conclusion = (
  context: { project: StoredProject; round: Round; outcome: Outcome; actor: Actor; at: string },
  deps: ConclusionDeps,
) => Promise<{ set: Partial<Project>; with: PendingWrite[]; details: Record<string, unknown> }>;
