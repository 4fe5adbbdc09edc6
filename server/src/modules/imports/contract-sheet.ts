import { type TCreateContract, ZCreateContract } from '@contract/contracts';
import { normaliseCustomerName } from '@contract/customers';
import { CONTRACT_IMPORT_COLUMNS } from './import-sheets';
import { parseInLocale } from '../../spreadsheets/sheet-records';
import { timeSlices } from '../../time-slices';
import { createContractsMany, findContractsByNumbers } from '../contracts/contracts.service';
import { canSeePrices } from '../contracts/contracts.view';
import { findCustomersByNames } from '../customers/customers.service';
import { pick, type SheetImporter } from './sheet-importer';

const FIELDS = ['number', 'serviceKinds', 'status', 'stage', 'signedAt', 'startDate', 'endDate', 'totalAmount', 'notes'] as const;
/** Columns that fill a field of the contract's service commitments of the same name. */
const COMMITMENT_FIELDS = [
  'responseHours',
  'arrivalHours',
  'resolutionHours',
  'pmVisitsPerYear',
  'onsiteVisitsIncluded',
  'trainingDays',
  'trainingAttendees',
  'warrantyMonths',
  'warrantyStart',
  'warrantyEnd',
  'vendorExtraYears',
  'vendorScope',
  'vendorRegion',
  'remoteOnly',
] as const;
/** The coverage window's fields and the columns that fill them. */
const COVERAGE_COLUMNS = {
  kind: 'coverageKind',
  days: 'coverageDays',
  startHour: 'coverageStartHour',
  endHour: 'coverageEndHour',
} as const;
const CUSTOM_COVERAGE_COLUMNS = [COVERAGE_COLUMNS.days, COVERAGE_COLUMNS.startHour, COVERAGE_COLUMNS.endHour];

/** The sheet column of a path in ZCreateContract. */
function columnOf(path: readonly PropertyKey[]): string {
  const [head, next, third] = path.map(String);
  if (head === 'customerId') return 'customer';
  if (head === 'commitments' && next === 'coverage')
    return COVERAGE_COLUMNS[third as keyof typeof COVERAGE_COLUMNS] ?? COVERAGE_COLUMNS.kind;
  if (head === 'commitments' && next && (COMMITMENT_FIELDS as readonly string[]).includes(next)) return next;
  return head ?? '';
}

/**
 * The coverage window of a row, as ZCoverageInput takes it: the preset's kind alone, or a custom
 * window's days and hours (filling those alone means custom). Undefined when no column is filled.
 */
function coverageOf(values: Record<string, unknown>): Record<string, unknown> | undefined {
  const kind = values[COVERAGE_COLUMNS.kind];
  const custom = CUSTOM_COVERAGE_COLUMNS.some((c) => values[c] !== undefined);
  if (kind === undefined && !custom) return undefined;
  if (kind !== undefined && kind !== 'custom') return { kind };
  const days = values[COVERAGE_COLUMNS.days];
  return {
    kind: 'custom',
    ...(Array.isArray(days) && { days: days.map(Number) }),
    ...(values[COVERAGE_COLUMNS.startHour] !== undefined && { startHour: values[COVERAGE_COLUMNS.startHour] }),
    ...(values[COVERAGE_COLUMNS.endHour] !== undefined && { endHour: values[COVERAGE_COLUMNS.endHour] }),
  };
}

/**
 * Contracts of customers already in the system, named by customer name (R-ORG-6). Besides each
 * cell: a customer name that matches no customer or several, a contract number given twice or
 * already taken, and amounts from a role that may not see prices (R-ORG-5).
 */
export const contractSheet: SheetImporter = {
  columns: async () => CONTRACT_IMPORT_COLUMNS,

  async prepare(db, actor, { records, errors }) {
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const [customers, taken] = await Promise.all([
      findCustomersByNames(
        db,
        records.map((r) => text(r.values.customer)).filter((n): n is string => n !== undefined),
      ),
      findContractsByNumbers(
        db,
        records.map((r) => text(r.values.number)).filter((n): n is string => n !== undefined),
      ),
    ]);
    const prices = canSeePrices(actor);
    const inputs: TCreateContract[] = [];
    const rows: number[] = [];
    const firstRowOf = new Map<string, number>();
    const pause = timeSlices();

    for (const r of records) {
      await pause();
      const name = text(r.values.customer);
      const matches = name === undefined ? [] : (customers.get(normaliseCustomerName(name)) ?? []);
      if (name !== undefined && matches.length === 0) errors.addMessage(r.row, 'customer', 'customerMissing');
      if (matches.length > 1) errors.addMessage(r.row, 'customer', 'customerAmbiguous');
      const number = text(r.values.number);
      if (number !== undefined) {
        const first = firstRowOf.get(number);
        if (first !== undefined) errors.addMessage(r.row, 'number', 'duplicateInSheet', { row: first });
        else if (taken.has(number)) errors.addMessage(r.row, 'number', 'contractNumberTaken');
        firstRowOf.set(number, first ?? r.row);
      }
      if (r.values.totalAmount !== undefined && !prices) errors.addMessage(r.row, 'totalAmount', 'pricesHidden');
      const preset = r.values[COVERAGE_COLUMNS.kind] !== undefined && r.values[COVERAGE_COLUMNS.kind] !== 'custom';
      for (const c of CUSTOM_COVERAGE_COLUMNS) if (preset && r.values[c] !== undefined) errors.addMessage(r.row, c, 'coverageCustomOnly');

      const coverage = coverageOf(r.values);
      const commitments = { ...pick(r.values, COMMITMENT_FIELDS), ...(coverage && { coverage }) };
      const input = { ...pick(r.values, FIELDS), customerId: matches[0]?.id ?? 1, commitments };
      const parsed = parseInLocale(ZCreateContract, input, errors.locale);
      if (!parsed.success) {
        errors.addIssues(parsed.error.issues, (path) => ({ row: r.row, field: columnOf(path) }));
        continue;
      }
      inputs.push(parsed.data);
      rows.push(r.row);
    }

    return {
      counts: { contracts: inputs.length },
      async write(trx) {
        const created = await createContractsMany(trx, actor, inputs);
        return { counts: { contracts: created.length }, ids: { contracts: created.map((c) => c.id) } };
      },
      locate: (index, path) => ({ row: rows[index], field: columnOf(path) }),
    };
  },
};
