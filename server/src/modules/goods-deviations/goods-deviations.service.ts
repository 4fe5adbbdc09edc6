import {
  GOODS_DEVIATION_KIND_LABELS,
  type TCloseGoodsDeviation,
  type TGoodsDeviation,
  type TGoodsDeviationKind,
  type TGoodsDeviationQuery,
  type TGoodsDeviationState,
  type TReportGoodsDeviation,
} from '@contract/goods-deviations';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import type { Db } from '../../db/database';
import type { Page } from '../../db/list-query';
import { formatNumber, nextNumber } from '../../db/number-sequence';
import { transact } from '../../db/transaction';
import { recordAudit } from '../audit/audit.service';
import { getContractCommitments } from '../contracts/contracts.service';
import { todayIn } from '@contract/zoned-time';
import { activeUserIdsWithRole, notify } from '../notifications/notifications.service';
import * as repo from './goods-deviations.repo';

/** Allocated numbers: `GD-2026-00003` (到货异常). */
const NUMBER_PREFIX = 'GD';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id: Number(id), name: name ?? '' });

function toDeviation(r: repo.DeviationRow): TGoodsDeviation {
  return {
    id: Number(r.id),
    number: r.number,
    contract: { id: Number(r.contract_id), number: r.contract_number },
    customer: { id: Number(r.customer_id), name: r.customer_name },
    kind: r.kind as TGoodsDeviationKind,
    items: JSON.parse(r.items) as TGoodsDeviation['items'],
    note: r.note,
    state: r.state as TGoodsDeviationState,
    reportedBy: ref(r.reported_by_id, r.reported_by_name),
    reportedAt: r.reported_at,
    resolution: r.resolution,
    closedBy: ref(r.closed_by_id, r.closed_by_name),
    closedAt: r.closed_at,
    version: Number(r.version),
  };
}

async function load(db: Db, id: number) {
  const row = await repo.findDeviationById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function listGoodsDeviations(db: Db, q: TGoodsDeviationQuery): Promise<Page<TGoodsDeviation>> {
  const { rows, total } = await repo.listDeviations(db, q);
  return { items: rows.map(toDeviation), total, page: q.page, pageSize: q.pageSize };
}

export async function getGoodsDeviation(db: Db, id: number): Promise<TGoodsDeviation> {
  return toDeviation(await load(db, id));
}

/**
 * R-ORG-8: delivered goods deviate — the sales owner and commerce (the contract's commerce
 * contact, or every commerce user when it names none) are notified at once, in the report's
 * transaction; it stays open until commerce closes it.
 */
export async function reportGoodsDeviation(
  db: Db,
  actor: Actor,
  contractId: number,
  input: TReportGoodsDeviation,
  timeZone: string,
): Promise<TGoodsDeviation> {
  return transact(db, async (trx) => {
    const contract = await getContractCommitments(trx, contractId);
    const at = new Date().toISOString();
    const year = Number(todayIn(timeZone).slice(0, 4));
    const number = formatNumber(NUMBER_PREFIX, year, await nextNumber(trx, `${NUMBER_PREFIX}-${year}`));
    const id = await repo.insertDeviation(trx, {
      number,
      contract_id: contractId,
      kind: input.kind,
      items: JSON.stringify(input.items),
      note: input.note ?? null,
      state: 'open',
      reported_by_id: actor.id,
      reported_at: at,
      resolution: null,
      closed_by_id: null,
      closed_at: null,
      version: 1,
    });
    const commerce = contract.commerceContact ? [contract.commerceContact.id] : await activeUserIdsWithRole(trx, 'commerce');
    const recipients = [...new Set([...(contract.salesOwner ? [contract.salesOwner.id] : []), ...commerce.map(Number)])];
    const kind = GOODS_DEVIATION_KIND_LABELS[input.kind];
    const lines = input.items.map((i) => `${i.description} × ${i.quantity}`).join('\n');
    await notify(
      trx,
      recipients.map((userId) => ({
        userId,
        kind: 'goods_deviation' as const,
        titleZh: `到货异常 ${number}（${kind.zh}）：合同 ${contract.number}`,
        titleEn: `Goods deviation ${number} (${kind.en}): contract ${contract.number}`,
        body: [lines, input.note].filter(Boolean).join('\n').slice(0, 1000),
        entity: 'goods_deviation',
        entityId: id,
        dedupeKey: `goods-deviation:${id}:${userId}`,
      })),
      at,
    );
    const after = toDeviation(await load(trx, id));
    await recordAudit(trx, actor, { entity: 'goods_deviation', entityId: id, action: 'report', after });
    return after;
  });
}

/** Commerce closes the deviation with what was done (replacement shipped, credit note…). */
export async function closeGoodsDeviation(db: Db, actor: Actor, id: number, input: TCloseGoodsDeviation): Promise<TGoodsDeviation> {
  return transact(db, async (trx) => {
    const before = await load(trx, id);
    if (before.state === 'closed') throw new AppError('GOODS_DEVIATION_CLOSED');
    const at = new Date().toISOString();
    await repo.updateDeviation(trx, id, input.version, {
      state: 'closed',
      resolution: input.resolution,
      closed_by_id: actor.id,
      closed_at: at,
    });
    const after = toDeviation(await load(trx, id));
    await recordAudit(trx, actor, {
      entity: 'goods_deviation',
      entityId: id,
      action: 'close',
      before: { state: 'open' },
      after: { state: 'closed', resolution: input.resolution },
    });
    return after;
  });
}
