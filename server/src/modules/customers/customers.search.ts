import type { TContact, TCustomer } from '@contract/customers';
import type { Db } from '../../db/database';
import { indexEntry, type SearchEntryInput } from '../search/search.service';
import * as repo from './customers.repo';
import { toContacts, toCustomer } from './customers.view';

/** What makes a customer findable: its name, region, address, notes and industry. */
export function customerEntry(c: TCustomer): SearchEntryInput {
  return {
    kind: 'customer',
    id: c.id,
    title: c.name,
    text: [c.region, c.address, c.notes, c.industry?.nameZh, c.industry?.nameEn].filter(Boolean).join('\n'),
    customerId: c.id,
  };
}

/** A contact is found by name, by any phone (normalised and as typed), e-mail and title. */
export function contactEntry(c: TContact, customerName: string): SearchEntryInput {
  return {
    kind: 'contact',
    id: c.id,
    title: c.name,
    subtitle: customerName,
    text: [...c.phones.flatMap((p) => [p.number, p.raw]), c.email, c.title].filter(Boolean).join('\n'),
    customerId: c.customerId,
  };
}

/** After an industry is renamed: its customers' entries carry the old name. */
export async function reindexCustomersOfIndustry(trx: Db, industryId: number): Promise<void> {
  const ids = (await repo.findCustomerIdsOfIndustry(trx, industryId)).map((r) => r.id);
  for (const row of await repo.findCustomersByIds(trx, ids)) await indexEntry(trx, customerEntry(toCustomer(row)));
}

/** After a customer is renamed: its contacts' entries show the customer's name. */
export async function reindexContactsOfCustomer(trx: Db, customerId: number, customerName: string): Promise<void> {
  const rows = await repo.findContactsOfCustomer(trx, customerId);
  const phones = await repo.findPhonesOfContacts(
    trx,
    rows.map((r) => r.id),
  );
  for (const c of toContacts(rows, phones)) await indexEntry(trx, contactEntry(c, customerName));
}
