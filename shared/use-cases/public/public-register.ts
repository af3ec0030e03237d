import { shanghaiDate } from '#shared/domain/calendar.ts';
import { type PublicProject, publicProject } from '#shared/domain/public-register.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

/** How many projects' notices are read at once: a page of 200 is 200 small queries, not 200 at one instant. */
const NOTICE_READS_AT_ONCE = 16;

const inTurns = async <T, R>(items: readonly T[], width: number, read: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map(read))));
  }
  return results;
};

export interface PublicRegisterPage extends Page<PublicProject> {
  readonly year: number;
}

/**
 * One page of the public register (政务公开) of a year of approval: the year's partition of the
 * public index, the department names, and each listed project's procurement notices (its own
 * partition). The year defaults to this year in Asia/Shanghai. Reads only: the function serving it
 * holds no write grant.
 */
export const readPublicRegister = async (
  input: { year?: number | undefined; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'register' | 'records' | 'departments' | 'now'>,
): Promise<PublicRegisterPage> => {
  const year = input.year ?? Number(shanghaiDate(deps.now()).slice(0, 4));
  const [page, departments] = await Promise.all([
    deps.register.publicPage(year, { limit: input.limit, cursor: input.cursor }),
    deps.departments.list(),
  ]);
  const names = new Map(departments.map((department) => [department.id, department.name]));
  const notices = await inTurns(page.items, NOTICE_READS_AT_ONCE, (entry) =>
    deps.records.list('procurement-notice', entry.id),
  );
  return {
    year,
    items: page.items.map((entry, i) =>
      publicProject(entry, notices[i] ?? [], (deptId) => names.get(deptId) ?? deptId),
    ),
    nextCursor: page.nextCursor,
  };
};
