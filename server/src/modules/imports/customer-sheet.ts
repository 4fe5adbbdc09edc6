import { normaliseCustomerName, type TCreateCustomer, ZCreateCustomer } from '@contract/customers';
import { CUSTOMER_IMPORT_COLUMNS, type TSheetColumn } from './import-sheets';
import { normalisePhone } from '@contract/phone';
import type { Db } from '../../db/database';
import { parseInLocale } from '../../spreadsheets/sheet-records';
import { timeSlices } from '../../time-slices';
import { createCustomersMany, findCustomersByNames } from '../customers/customers.service';
import { listIndustries } from '../customers/industries.service';
import { pick, type SheetImporter } from './sheet-importer';

const CUSTOMER_FIELDS = ['industry', 'region', 'address', 'notes'] as const;
const CONTACT_FIELDS = ['contactName', 'contactTitle', 'phones', 'email', 'primary'] as const;
/** ZCreateContact's fields → the sheet's columns. */
const CONTACT_COLUMN: Record<string, string> = {
  name: 'contactName',
  title: 'contactTitle',
  phones: 'phones',
  email: 'email',
  primary: 'primary',
};

/** Active industries by code (the option value), with their ids. */
async function activeIndustries(db: Db): Promise<Map<string, { id: number; zh: string; en: string }>> {
  const found = new Map<string, { id: number; zh: string; en: string }>();
  for (let page = 1; ; page++) {
    const p = await listIndustries(db, { page, pageSize: 200, active: 'true' });
    for (const i of p.items) found.set(i.code, { id: i.id, zh: i.nameZh, en: i.nameEn });
    if (page * p.pageSize >= p.total) return found;
  }
}

interface CustomerGroup {
  row: number;
  name: string;
  fields: Record<string, unknown>;
  /** The row each customer field was first given on. */
  fieldRows: Record<string, number>;
  contacts: { row: number; input: Record<string, unknown> }[];
}

/**
 * Customers with their contacts, one row per contact: rows with the same customer name
 * (compared as names are, full-width and case aside) make one customer. A name that is
 * already a customer is an error, so importing the same sheet twice creates nothing twice.
 */
export const customerSheet: SheetImporter = {
  async columns(db) {
    const industries = await activeIndustries(db);
    if (industries.size === 0) return CUSTOMER_IMPORT_COLUMNS;
    const options = [...industries].map(([code, i]) => ({ value: code, zh: i.zh, en: i.en }));
    return CUSTOMER_IMPORT_COLUMNS.map((c): TSheetColumn => (c.key === 'industry' ? { ...c, options } : c));
  },

  async prepare(db, actor, { records, errors }) {
    const industries = await activeIndustries(db);
    const groups = new Map<string, CustomerGroup>();
    const pause = timeSlices();
    for (const r of records) {
      await pause();
      const name = r.values.name;
      if (typeof name !== 'string') continue;
      const key = normaliseCustomerName(name);
      let g = groups.get(key);
      if (!g) {
        g = { row: r.row, name, fields: {}, fieldRows: {}, contacts: [] };
        groups.set(key, g);
      }
      for (const f of CUSTOMER_FIELDS) {
        const v = r.values[f];
        if (v === undefined) continue;
        if (g.fields[f] === undefined) {
          g.fields[f] = v;
          g.fieldRows[f] = r.row;
        } else if (g.fields[f] !== v) errors.addMessage(r.row, f, 'inconsistent', { row: g.fieldRows[f] });
      }
      const contact = pick(r.values, CONTACT_FIELDS);
      if (Object.keys(contact).length === 0) continue;
      if (contact.contactName === undefined) errors.addMessage(r.row, 'contactName', 'required');
      const phones = (contact.phones as string[] | undefined) ?? [];
      if (phones.some((p) => normalisePhone(p) === null)) errors.addMessage(r.row, 'phones', 'phone');
      g.contacts.push({
        row: r.row,
        input: {
          name: contact.contactName ?? '',
          phones,
          primary: contact.primary ?? false,
          ...(contact.contactTitle !== undefined && { title: contact.contactTitle }),
          ...(contact.email !== undefined && { email: contact.email }),
        },
      });
    }

    const existing = await findCustomersByNames(
      db,
      [...groups.values()].map((g) => g.name),
    );
    const list = [...groups.entries()];
    const inputs: TCreateCustomer[] = [];
    const included: CustomerGroup[] = [];
    for (const [key, g] of list) {
      await pause();
      if ((existing.get(key) ?? []).length > 0) errors.addMessage(g.row, 'name', 'customerExists');
      const industry = typeof g.fields.industry === 'string' ? industries.get(g.fields.industry) : undefined;
      if (g.fields.industry !== undefined && !industry) errors.addMessage(g.fieldRows.industry, 'industry', 'industryMissing');
      const input = {
        name: g.name,
        ...pick(g.fields, ['region', 'address', 'notes']),
        ...(industry && { industryId: industry.id }),
        contacts: g.contacts.map((c) => c.input),
      };
      const parsed = parseInLocale(ZCreateCustomer, input, errors.locale);
      if (!parsed.success) {
        errors.addIssues(parsed.error.issues, (path) => locateIn(g, path));
        continue;
      }
      inputs.push(parsed.data);
      included.push(g);
    }

    return {
      counts: { customers: inputs.length, contacts: inputs.reduce((n, c) => n + c.contacts.length, 0) },
      async write(trx) {
        const created = await createCustomersMany(trx, actor, inputs);
        const contactIds = created.flatMap((c) => c.contacts.map((k) => k.id));
        return {
          counts: { customers: created.length, contacts: contactIds.length },
          ids: { customers: created.map((c) => c.id), contacts: contactIds },
        };
      },
      locate: (index, path) => locateIn(included[index], path),
    };
  },
};

/** The row and column of a path in one customer's input: a contact's fields are on its own row. */
function locateIn(g: CustomerGroup, path: readonly PropertyKey[]): { row: number; field: string } {
  const [head, index, field] = path.map(String);
  if (head === 'contacts' && index !== undefined) {
    const contact = g.contacts[Number(index)];
    return { row: contact?.row ?? g.row, field: CONTACT_COLUMN[field ?? ''] ?? 'contactName' };
  }
  const column = head === 'industryId' ? 'industry' : (head ?? '');
  return { row: g.fieldRows[column] ?? g.row, field: column };
}
