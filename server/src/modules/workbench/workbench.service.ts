import { isAllowed } from '@contract/permissions';
import { type TWorkbench, type TWorkbenchCard, workbenchCardsFor } from '@contract/workbench';
import { WORKBENCH_PROVIDERS } from './workbench.registry';
import type { WorkbenchContext } from './workbench.types';

/** The reader's cards: those of his roles he holds the permission for, figured at once, in order. */
export async function getWorkbench(ctx: WorkbenchContext): Promise<TWorkbench> {
  const keys = workbenchCardsFor(ctx.actor.roles, (action) => isAllowed(ctx.actor.roles, action));
  const cards = await Promise.all(
    keys.map(async (key): Promise<TWorkbenchCard> => {
      const f = await WORKBENCH_PROVIDERS[key](ctx);
      return {
        key,
        count: f.count,
        capped: f.capped ?? false,
        tone: f.tone ?? 'default',
        query: f.query ?? {},
        items: f.items ?? [],
        breakdown: f.breakdown ?? [],
      };
    }),
  );
  return { cards };
}
