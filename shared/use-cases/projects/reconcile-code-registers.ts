import type { Deps } from '../deps.ts';

export interface RegisterReconciliation {
  readonly year: number;
  /** Numbers a creation took and never used, now voided. */
  readonly voided: number[];
  /** Codes projects carry from before the register was kept, now recorded. */
  readonly recorded: number[];
}

/**
 * Makes every year's register explain each number its counter gave out: a number with no record is
 * either a code a project carries from before the register was kept (recorded as used) or one whose
 * creator stopped between taking it and writing (voided, with why). A creation still in flight
 * loses nothing: its transaction writes the number's record under `attribute_not_exists`, so either
 * it or the void stands, never both, and a creation that finds its number voided takes the next.
 */
export const reconcileCodeRegisters = async (
  deps: Pick<Deps, 'projects' | 'now'>,
): Promise<RegisterReconciliation[]> => {
  const at = deps.now().toISOString();
  const results: RegisterReconciliation[] = [];
  for (const year of await deps.projects.codeYears()) {
    const { unrecorded } = await deps.projects.register(year);
    if (unrecorded.length === 0) continue;
    const carried = await deps.projects.codesOfYear(year);
    const result: RegisterReconciliation = { year, voided: [], recorded: [] };
    for (const { number, code } of unrecorded) {
      const projectId = carried.get(code);
      const written = projectId
        ? await deps.projects.recordCode({ status: 'used', year, number, code, projectId, at })
        : await deps.projects.recordCode({
            status: 'void',
            year,
            number,
            code,
            reason:
              'Taken from the counter and never used: its creation stopped before it wrote a project or voided the number (found when the register was reconciled).',
            at,
          });
      if (written) (projectId ? result.recorded : result.voided).push(number);
    }
    results.push(result);
  }
  return results;
};
