import { SERVICE_KIND_LABELS, type TServiceKind } from '@contract/contracts';
import type { Db } from '../../db/database';
import { indexEntry, type SearchEntryInput } from '../search/search.service';
import * as repo from './contracts.repo';
import { kindsByContract } from './contracts.view';

/** The fields a contract is found by. Never amounts or prices (R-ORG-5). */
export interface ContractSearchFields {
  id: number;
  number: string;
  customer: { id: number; name: string };
  serviceKinds: readonly TServiceKind[];
  notes: string | null;
}

export function contractEntry(c: ContractSearchFields): SearchEntryInput {
  return {
    kind: 'contract',
    id: c.id,
    title: c.number,
    subtitle: c.customer.name,
    text: [...c.serviceKinds.flatMap((k) => [SERVICE_KIND_LABELS[k].zh, SERVICE_KIND_LABELS[k].en]), c.notes].filter(Boolean).join('\n'),
    customerId: c.customer.id,
    contractId: c.id,
  };
}

/** After a customer is renamed: its contracts' entries show the customer's name. */
export async function reindexContractsOfCustomer(trx: Db, customerId: number): Promise<void> {
  const rows = await repo.findContractsOfCustomer(trx, customerId);
  const kinds = kindsByContract(
    await repo.findServiceKinds(
      trx,
      rows.map((r) => r.id),
    ),
  );
  for (const r of rows) {
    const id = r.id;
    await indexEntry(
      trx,
      contractEntry({
        id,
        number: r.number,
        customer: { id: r.customer_id, name: r.customer_name },
        serviceKinds: kinds.get(id) ?? [],
        notes: r.notes,
      }),
    );
  }
}
