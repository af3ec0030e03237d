import { type Assets, type AssetsInput, assetViolations } from '#shared/domain/construction.ts';
import { refuseIfAny } from '#shared/domain/errors.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { loadForOwner } from '../projects/owner-action.ts';

/** ART21: the owner records the assets the project formed, each with its state-asset registration number. */
export const putAssets = (
  input: { id: string; actor: Actor; assets: AssetsInput },
  deps: Pick<Deps, 'projects' | 'records' | 'obligations' | 'now'>,
): Promise<Assets> =>
  retryOnConflict(async () => {
    const project = await loadForOwner({ id: input.id, actor: input.actor, action: 'assets' }, deps);
    refuseIfAny(assetViolations(input.assets));
    const at = deps.now().toISOString();
    const assets: Assets = {
      ...input.assets,
      id: SINGLE,
      projectId: project.id,
      ...recorded(input.actor, at),
    };
    await deps.projects.save({
      project,
      at,
      actor: input.actor,
      action: 'construction.assets-registered',
      details: {
        items: assets.items.length,
        // Exact in fen however many items: as text, since a sum may pass the largest exact number.
        totalValueFen: assets.items.reduce((sum, item) => sum + BigInt(item.valueFen), 0n).toString(),
        registrationNos: assets.items.map((item) => item.registrationNo),
      },
      with: [deps.records.put('assets', assets, 'any')],
    });
    return assets;
  });
