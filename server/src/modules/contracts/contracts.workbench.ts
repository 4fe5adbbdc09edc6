import { CONTRACT_STAGES } from '@contract/contracts';
import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listContracts } from './contracts.service';

/** The salesperson's active contracts, counted per lifecycle stage; each part opens the list at that stage. */
export const contractWorkbench = {
  'contracts.mine_by_stage': async ({ db, actor, locale }) => {
    const me = String(actor.id ?? 0);
    const counts = await Promise.all(
      CONTRACT_STAGES.map(async (s) => ({
        stage: s,
        total: (
          await listContracts(db, actor, {
            page: 1,
            pageSize: 1,
            salesOwnerId: actor.id ?? 0,
            status: 'active',
            stage: s.code,
            sort: '-signedAt',
          })
        ).total,
      })),
    );
    return {
      count: counts.reduce((n, c) => n + c.total, 0),
      query: { salesOwnerId: me, status: 'active' },
      breakdown: counts
        .filter((c) => c.total > 0)
        .map((c) => ({
          label: `${c.stage.no}. ${locale === 'en' ? c.stage.en : c.stage.zh}`,
          count: c.total,
          query: { salesOwnerId: me, status: 'active', stage: c.stage.code },
        })),
    };
  },
} satisfies WorkbenchProviders<'contracts.mine_by_stage'>;
