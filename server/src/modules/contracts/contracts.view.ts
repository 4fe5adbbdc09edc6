import {
  SERVICE_KINDS,
  stageDef,
  type TContractItem,
  type TContractItemMasked,
  type TContractSummaryView,
  type TContractView,
  type TServiceKind,
  type TStageChange,
  type TUserRef,
} from '@contract/contracts';
import { isAllowed } from '@contract/permissions';
import type { Actor } from '../../actor';
import { groupBy } from '../../db/list-query';
import type { ContractItemRow, ContractRow, StageChangeRow } from './contracts.repo';
import { toCommitments } from './service-commitments';

/**
 * R-ORG-5: rows → the API's contract shapes. Whether the reader may see prices is decided
 * here, once, from the `contracts.prices` permission; the masked shapes are built without
 * the price fields (they are never put in the object), and their response schemas would
 * strip them anyway.
 */
export function canSeePrices(actor: Pick<Actor, 'roles'>): boolean {
  return isAllowed(actor.roles, 'contracts.prices');
}

const userRef = (id: number | null, name: string | null): TUserRef | null => (id === null ? null : { id: Number(id), name: name ?? '' });

/** R-ORG-2: who leads the contract now — its stage's department and, where the contract names one, the person. */
export function stageLeadOf(r: ContractRow) {
  const department = stageDef(r.stage).lead;
  const user =
    department === 'sales'
      ? userRef(r.sales_owner_id, r.sales_owner_name)
      : department === 'commerce'
        ? userRef(r.commerce_contact_id, r.commerce_contact_name)
        : null;
  return { department, user };
}

/** Everything of a contract that is not price-sensitive. */
function contractCore(r: ContractRow, kinds: readonly TServiceKind[]) {
  const stage = r.stage;
  return {
    id: r.id,
    number: r.number,
    customer: { id: r.customer_id, name: r.customer_name },
    serviceKinds: [...kinds],
    status: r.status as TContractView['status'],
    stage,
    stageLead: stageLeadOf(r),
    signedAt: r.signed_at,
    startDate: r.start_date,
    endDate: r.end_date,
    salesOwner: userRef(r.sales_owner_id, r.sales_owner_name),
    commerceContact: userRef(r.commerce_contact_id, r.commerce_contact_name),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toContractSummary(r: ContractRow, kinds: readonly TServiceKind[], prices: boolean): TContractSummaryView {
  const core = contractCore(r, kinds);
  return prices ? { ...core, pricesVisible: true, totalAmount: r.total_amount_fen } : { ...core, pricesVisible: false };
}

export function toStageChange(r: StageChangeRow): TStageChange {
  return {
    id: r.id,
    fromStage: r.from_stage,
    toStage: r.to_stage,
    by: userRef(r.by_id, r.by_name),
    at: r.at,
    note: r.note,
  };
}

function maskedItem(r: ContractItemRow): TContractItemMasked {
  return { id: r.id, lineNo: r.line_no, description: r.description, model: r.model, quantity: r.quantity };
}

function pricedItem(r: ContractItemRow): TContractItem {
  return { ...maskedItem(r), unitPrice: r.unit_price_fen, amount: r.amount_fen };
}

export function toContractDetail(
  r: ContractRow,
  kinds: readonly TServiceKind[],
  items: readonly ContractItemRow[],
  history: readonly StageChangeRow[],
  prices: boolean,
): TContractView {
  const base = { ...contractCore(r, kinds), notes: r.notes, commitments: toCommitments(r), stageHistory: history.map(toStageChange) };
  return prices
    ? { ...base, pricesVisible: true, totalAmount: r.total_amount_fen, items: items.map(pricedItem) }
    : { ...base, pricesVisible: false, items: items.map(maskedItem) };
}

/** A list row's service kinds (the repo's comma-separated `service_kinds`), in the order of R-SCOPE-1. */
export function listedKinds(joined: string | null): TServiceKind[] {
  if (!joined) return [];
  const order: readonly string[] = SERVICE_KINDS;
  return (joined.split(',') as TServiceKind[]).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Service kinds by contract, in the order of R-SCOPE-1. */
export function kindsByContract(rows: readonly { contract_id: number; kind: string }[]): Map<number, TServiceKind[]> {
  const order: readonly string[] = SERVICE_KINDS;
  const groups = groupBy(rows, (r) => r.contract_id);
  return new Map(
    [...groups].map(([id, group]) => [id, group.map((r) => r.kind as TServiceKind).sort((a, b) => order.indexOf(a) - order.indexOf(b))]),
  );
}
