import type { Waiver } from '#shared/domain/waiver.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

/** Every waiver of the county, proposed, confirmed or withdrawn, with both officers, oldest first (ART33). */
export const listWaivers = (
  input: { limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'records'>,
): Promise<Page<Waiver>> => deps.records.countyPage('waiver', input);
