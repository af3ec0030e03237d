import { assertOwner } from '#shared/domain/access.ts';
import { ConflictError, RuleViolationError, refuseIfAny, ValidationError } from '#shared/domain/errors.ts';
import { assertStage } from '#shared/domain/lifecycle.ts';
import {
  keptEmergency,
  type Project,
  type ProjectPatch,
  sameDeclaredEmergency,
} from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { annualPlanWarnings, scopeViolations } from '#shared/domain/rules/declaration.ts';
import { violation } from '#shared/domain/violation.ts';
import type { Deps } from '../deps.ts';
import { reconcileEmergencyDuties } from '../obligations/emergency-duties.ts';
import { loadVisible } from './project-access.ts';

/** `If-Match: 3`, `"3"` or `W/"3"`: the version the client read. */
export const parseIfMatch = (header: string | undefined): number => {
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header?.trim() ?? '');
  if (!match?.[1]) {
    throw new ValidationError([{ path: 'headers.if-match', message: 'Send If-Match with the version you read.' }]);
  }
  return Number(match[1]);
};

/**
 * Edits a draft or returned project. The scope rules are checked again on the result, and any
 * sign-off (ART10) or co-builder confirmation (ART11) is voided: they vouched for what it was.
 * An emergency project already building owes the procedures of what it now is (ART15).
 */
export const updateProject = async (
  input: { id: string; actor: Actor; patch: ProjectPatch; ifMatch: string | undefined },
  deps: Pick<Deps, 'projects' | 'annualPlans' | 'obligations' | 'calendar' | 'policy' | 'now'>,
): Promise<Project> => {
  const expected = parseIfMatch(input.ifMatch);
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  assertStage('edit', project);
  if (project.version !== expected) {
    throw new ConflictError(`The project is at version ${project.version}, not ${expected}; read it again.`);
  }
  const started = project.constructionStartedAt !== null;
  const { emergency: declared, ...fields } = input.patch;
  // What the system added to the emergency (the total when it started, the confirmation) stays.
  const emergency = declared === undefined ? {} : { emergency: started ? project.emergency : keptEmergency(declared) };
  const merged: Project = { ...project, ...fields, ...emergency };
  if (started && declared !== undefined && !sameDeclaredEmergency(project.emergency, declared)) {
    // ART15 is why it built before approval (ART07): that reason stays on the record.
    throw new RuleViolationError([
      violation('ART15-EMERGENCY', 'emergency', 'It started building as an emergency; that cannot be edited away.'),
    ]);
  }
  refuseIfAny(scopeViolations(merged, project.ownerDeptId));

  const at = deps.now().toISOString();
  const voided = [
    ...(project.signOff ? ['signOff'] : []),
    ...Object.keys(project.confirmations).map((dept) => `confirmation:${dept}`),
  ];
  const set = {
    ...fields,
    ...emergency,
    signOff: null,
    confirmations: {},
    warnings: annualPlanWarnings(merged, await deps.annualPlans.get(merged.year)),
  } satisfies Partial<Project>;
  // ART15: an edit may add a procedure owed, never cancel one already opened (only the technical review's correction may).
  const duties = await reconcileEmergencyDuties({ ...project, ...set }, input.actor, at, deps, undefined, {
    cancel: false,
  });
  return deps.projects.save({
    project,
    at,
    actor: input.actor,
    action: 'project.updated',
    details: {
      changed: Object.keys(input.patch).sort(),
      ...(voided.length > 0 ? { voided } : {}),
      ...(duties.items.length > 0 ? { emergencyDuties: { opened: duties.opened } } : {}),
    },
    set,
    with: duties.items,
  });
};
