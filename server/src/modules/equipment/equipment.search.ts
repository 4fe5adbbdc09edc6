import type { Db } from '../../db/database';
import { indexEntry, type SearchEntryInput } from '../search/search.service';
import * as repo from './equipment.repo';
import { type EquipmentFields, equipmentFields } from './equipment.view';

/** A unit is found by brand and model, contract number, type, PN, SN, site, hostid and software serial — not its license key. */
export function equipmentEntry(e: EquipmentFields): SearchEntryInput {
  return {
    kind: 'equipment',
    id: e.id,
    title: `${e.brand} ${e.model}`,
    subtitle: e.contractNumber,
    text: [e.productType, e.pn, e.sn, e.site, e.hostid, e.softwareSerial].filter(Boolean).join('\n'),
    customerId: e.customer.id,
    contractId: e.contractId,
  };
}

/** After a contract's number or customer changes: its units' entries show them. */
export async function reindexEquipmentOfContract(trx: Db, contractId: number): Promise<void> {
  for (const row of await repo.findEquipmentOfContract(trx, contractId)) await indexEntry(trx, equipmentEntry(equipmentFields(row)));
}
