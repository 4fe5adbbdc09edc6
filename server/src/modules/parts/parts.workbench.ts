import type { TPartLoan } from '@contract/parts';
import type { WorkbenchProviders } from '../workbench/workbench.types';
import { listLoans } from './parts.service';

const loanItem = (l: TPartLoan) => ({
  title: `${l.number} · ${l.part.pn}`,
  subtitle: `${l.borrower.name} · ${l.dueDate}`,
  dueAt: null,
  tone: 'default' as const,
  path: `/parts/loans/${l.id}`,
});

/** The technical manager's loans to chase (R-EMER-4): overdue ones, and emergency ones still waiting for paperwork. */
export const partWorkbench = {
  'part_loans.overdue': async ({ db, timeZone }) => {
    const page = await listLoans(db, { page: 1, pageSize: 5, overdue: 'true' }, timeZone);
    return { count: page.total, tone: page.total > 0 ? 'danger' : 'default', query: { view: 'overdue' }, items: page.items.map(loanItem) };
  },
  'part_loans.paperwork': async ({ db, timeZone }) => {
    const page = await listLoans(db, { page: 1, pageSize: 5, paperworkPending: 'true' }, timeZone);
    return { count: page.total, tone: page.total > 0 ? 'warning' : 'default', query: { view: 'pending' }, items: page.items.map(loanItem) };
  },
} satisfies WorkbenchProviders<'part_loans.overdue' | 'part_loans.paperwork'>;
