import { type TEquipment, warrantyStateOf } from '@contract/equipment';
import type { EquipmentRow } from './equipment.repo';

export type EquipmentFields = Omit<TEquipment, 'warrantyState'>;

/** A row → the API's shape; the warranty state is as of `today` (company time zone). */
export function toEquipment(r: EquipmentRow, today: string): TEquipment {
  return { ...equipmentFields(r), warrantyState: warrantyStateOf(r.warranty_end, today) };
}

/** Everything stored about a unit, without what depends on the date. */
export function equipmentFields(r: EquipmentRow): EquipmentFields {
  return {
    id: r.id,
    contractId: r.contract_id,
    contractNumber: r.contract_number,
    customer: { id: r.customer_id, name: r.customer_name },
    productType: r.product_type,
    brand: r.brand,
    model: r.model,
    pn: r.pn,
    sn: r.sn,
    quantity: r.quantity,
    site: r.site,
    warrantyStart: r.warranty_start,
    warrantyEnd: r.warranty_end,
    vendorWarrantyEnd: r.vendor_warranty_end,
    licenseKey: r.license_key,
    hostid: r.hostid,
    softwareSerial: r.software_serial,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
