import { normaliseBrand, normaliseSn, type TCreateEquipment, ZCreateEquipment } from '@contract/equipment';
import { EQUIPMENT_IMPORT_COLUMNS } from './import-sheets';
import { parseInLocale } from '../../spreadsheets/sheet-records';
import { timeSlices } from '../../time-slices';
import { findContractsByNumbers } from '../contracts/contracts.service';
import { createEquipmentMany, findRegisteredSns } from '../equipment/equipment.service';
import { pick, type SheetImporter } from './sheet-importer';

const FIELDS = [
  'productType',
  'brand',
  'model',
  'pn',
  'sn',
  'quantity',
  'site',
  'warrantyStart',
  'warrantyEnd',
  'vendorWarrantyEnd',
  'licenseKey',
  'hostid',
  'softwareSerial',
  'notes',
] as const;

/** The sheet column of a field of ZCreateEquipment (the contract is named by its number). */
function columnOf(path: readonly PropertyKey[]): string {
  const field = String(path[0] ?? '');
  return field === 'contractId' ? 'contractNumber' : field;
}

/**
 * R-GOODS-6: units of contracts already in the system, by contract number. Besides each
 * cell: an SN twice in the sheet (per brand), an SN already registered for the brand, a
 * contract number that does not exist.
 */
export const equipmentSheet: SheetImporter = {
  columns: async () => EQUIPMENT_IMPORT_COLUMNS,

  async prepare(db, actor, { records, errors }) {
    const numbers = records.map((r) => r.values.contractNumber).filter((n): n is string => typeof n === 'string');
    const contracts = await findContractsByNumbers(db, numbers);
    const inputs: TCreateEquipment[] = [];
    const rows: number[] = [];
    const firstRowOf = new Map<string, number>();
    const withSn: { row: number; key: string; sn: string }[] = [];
    const pause = timeSlices();

    for (const r of records) {
      await pause();
      const number = r.values.contractNumber as string | undefined;
      const contract = number === undefined ? undefined : contracts.get(number);
      if (number !== undefined && !contract) errors.addMessage(r.row, 'contractNumber', 'contractMissing');
      // A missing contract is reported above; the rest of the row is still checked.
      const parsed = parseInLocale(ZCreateEquipment, { ...pick(r.values, FIELDS), contractId: contract?.id ?? 1 }, errors.locale);
      if (!parsed.success) {
        errors.addIssues(parsed.error.issues, (path) => ({ row: r.row, field: columnOf(path) }));
        continue;
      }
      const unit = parsed.data;
      const sn = unit.sn ? normaliseSn(unit.sn) : '';
      if (sn) {
        const key = `${normaliseBrand(unit.brand)}\u0000${sn}`;
        const first = firstRowOf.get(key);
        if (first !== undefined) errors.addMessage(r.row, 'sn', 'snDuplicateInSheet', { row: first });
        else {
          firstRowOf.set(key, r.row);
          withSn.push({ row: r.row, key, sn });
        }
      }
      inputs.push(unit);
      rows.push(r.row);
    }

    const registered = new Set(
      (
        await findRegisteredSns(
          db,
          withSn.map((u) => u.sn),
        )
      ).map((u) => `${u.brandKey}\u0000${u.sn}`),
    );
    for (const u of withSn) if (registered.has(u.key)) errors.addMessage(u.row, 'sn', 'snTaken');

    return {
      counts: { equipment: inputs.length },
      async write(trx) {
        const created = await createEquipmentMany(trx, actor, inputs);
        return { counts: { equipment: created.length }, ids: { equipment: created.map((e) => e.id) } };
      },
      locate: (index, path) => ({ row: rows[index], field: columnOf(path) }),
    };
  },
};
