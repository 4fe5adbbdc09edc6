import { z } from 'zod';
import { singleLineText } from './text';
import { ZPageQuery, ZTimestamp } from './common';
import { ZContractSummaryView, ZIsoDate } from './contracts';
import { ZCustomerRef } from './customers';

/**
 * The installed base (R-GOODS-6, R-INST-7, R-PM-5): every unit delivered under a
 * contract, with what is needed for warranty registration and license requests.
 */

/** Serial numbers are compared without case: stored trimmed and upper-cased. */
export function normaliseSn(sn: string): string {
  return sn.normalize('NFKC').trim().toUpperCase();
}

/** Brands are compared as names: 华为 = 华为, Dell = DELL = ｄｅｌｌ. */
export function normaliseBrand(brand: string): string {
  return brand.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export const WARRANTY_STATES = ['active', 'expiring', 'expired', 'unknown'] as const;
export const ZWarrantyState = z.enum(WARRANTY_STATES);
export type TWarrantyState = z.infer<typeof ZWarrantyState>;
/** Within this many days of its end, a warranty counts as expiring. */
export const WARRANTY_EXPIRING_DAYS = 60;

export const WARRANTY_STATE_LABELS: Record<TWarrantyState, { zh: string; en: string }> = {
  active: { zh: '保修期内', en: 'Under warranty' },
  expiring: { zh: '即将到期', en: 'Expiring soon' },
  expired: { zh: '已过保', en: 'Out of warranty' },
  unknown: { zh: '未登记', en: 'Not recorded' },
};

/** Usual product types; the field is free text, these are the suggestions. */
export const PRODUCT_TYPE_SUGGESTIONS = ['服务器', '磁盘阵列', '硬盘柜', '磁带库', '交换机', '路由器', '防火墙', 'UPS', '软件'] as const;

export const ZEquipment = z.object({
  id: z.number().int(),
  contractId: z.number().int(),
  contractNumber: z.string(),
  customer: ZCustomerRef,
  productType: z.string(),
  brand: z.string(),
  model: z.string(),
  pn: z.string().nullable(),
  sn: z.string().nullable(),
  quantity: z.number().int(),
  site: z.string().nullable(),
  warrantyStart: ZIsoDate.nullable(),
  warrantyEnd: ZIsoDate.nullable(),
  vendorWarrantyEnd: ZIsoDate.nullable(),
  /** From warrantyEnd and today in the company's time zone. */
  warrantyState: ZWarrantyState,
  licenseKey: z.string().nullable(),
  hostid: z.string().nullable(),
  softwareSerial: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TEquipment = z.infer<typeof ZEquipment>;

/** One unit with its contract, masked per reader (R-ORG-5). */
export const ZEquipmentDetail = ZEquipment.extend({ contract: ZContractSummaryView });
export type TEquipmentDetail = z.infer<typeof ZEquipmentDetail>;

const text = (max: number) => z.string().trim().max(max).nullable();

const equipmentFields = {
  contractId: z.number().int().positive(),
  productType: singleLineText().min(1).max(50),
  brand: singleLineText().min(1).max(50),
  model: singleLineText().min(1).max(100),
  pn: text(100),
  /** Unique per brand, without case. A unit with an SN is one unit (quantity 1). */
  sn: text(100),
  quantity: z.number().int().min(1).max(100_000),
  site: text(300),
  warrantyStart: ZIsoDate.nullable(),
  warrantyEnd: ZIsoDate.nullable(),
  vendorWarrantyEnd: ZIsoDate.nullable(),
  licenseKey: text(2000),
  hostid: text(100),
  softwareSerial: text(200),
  notes: text(4000),
};

export const ZCreateEquipment = z.strictObject({
  contractId: equipmentFields.contractId,
  productType: equipmentFields.productType,
  brand: equipmentFields.brand,
  model: equipmentFields.model,
  pn: equipmentFields.pn.optional(),
  sn: equipmentFields.sn.optional(),
  quantity: equipmentFields.quantity.default(1),
  site: equipmentFields.site.optional(),
  warrantyStart: equipmentFields.warrantyStart.optional(),
  warrantyEnd: equipmentFields.warrantyEnd.optional(),
  vendorWarrantyEnd: equipmentFields.vendorWarrantyEnd.optional(),
  licenseKey: equipmentFields.licenseKey.optional(),
  hostid: equipmentFields.hostid.optional(),
  softwareSerial: equipmentFields.softwareSerial.optional(),
  notes: equipmentFields.notes.optional(),
});
export type TCreateEquipment = z.infer<typeof ZCreateEquipment>;

export const ZUpdateEquipment = z.strictObject({
  version: z.number().int(),
  contractId: equipmentFields.contractId.optional(),
  productType: equipmentFields.productType.optional(),
  brand: equipmentFields.brand.optional(),
  model: equipmentFields.model.optional(),
  pn: equipmentFields.pn.optional(),
  sn: equipmentFields.sn.optional(),
  quantity: equipmentFields.quantity.optional(),
  site: equipmentFields.site.optional(),
  warrantyStart: equipmentFields.warrantyStart.optional(),
  warrantyEnd: equipmentFields.warrantyEnd.optional(),
  vendorWarrantyEnd: equipmentFields.vendorWarrantyEnd.optional(),
  licenseKey: equipmentFields.licenseKey.optional(),
  hostid: equipmentFields.hostid.optional(),
  softwareSerial: equipmentFields.softwareSerial.optional(),
  notes: equipmentFields.notes.optional(),
});
export type TUpdateEquipment = z.infer<typeof ZUpdateEquipment>;

export const EQUIPMENT_SORTS = ['-createdAt', 'createdAt', 'sn', '-sn', 'model', '-model', 'warrantyEnd', '-warrantyEnd'] as const;

const equipmentFilters = {
  /** Model, PN or SN contains. */
  q: z.string().trim().max(100).optional(),
  warranty: ZWarrantyState.optional(),
  sort: z.enum(EQUIPMENT_SORTS).default('-createdAt'),
};

export const ZEquipmentQuery = ZPageQuery.extend({
  ...equipmentFilters,
  contractId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
}).strict();
export type TEquipmentQuery = z.infer<typeof ZEquipmentQuery>;

/** `/api/contracts/:id/equipment`: the contract comes from the path. */
export const ZContractEquipmentQuery = ZPageQuery.extend(equipmentFilters).strict();

/** Removing a unit says why (it stays, soft-deleted, for the records that name it). */
export const ZDeleteEquipmentQuery = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type TDeleteEquipmentQuery = z.infer<typeof ZDeleteEquipmentQuery>;

export const ZSnParams = z.strictObject({ sn: z.string().trim().min(1).max(100) });
export const ZSnLookupResult = z.object({ sn: z.string(), items: z.array(ZEquipmentDetail) });
export type TSnLookupResult = z.infer<typeof ZSnLookupResult>;

/** `YYYY-MM-DD` plus whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The state of a warranty ending on `end` (inclusive), seen on `today`. */
export function warrantyStateOf(end: string | null, today: string): TWarrantyState {
  if (end === null) return 'unknown';
  if (end < today) return 'expired';
  return end <= addDays(today, WARRANTY_EXPIRING_DAYS) ? 'expiring' : 'active';
}
