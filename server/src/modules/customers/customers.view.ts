import type { TContact, TContactPhone, TCustomer } from '@contract/customers';
import { groupBy } from '../../db/list-query';
import type { ContactPhoneRow, ContactRow, CustomerRow } from './customers.repo';

/** A phone row as inserted or as read (the id is never shown). */
export type PhoneFields = Omit<ContactPhoneRow, 'id'>;

/** Rows → the API's shapes. Rows never leave the module as they are. */
export function toCustomer(r: CustomerRow): TCustomer {
  return {
    id: r.id,
    name: r.name,
    industry:
      r.industry_id === null || r.industry_code === null
        ? null
        : { id: r.industry_id, code: r.industry_code, nameZh: r.industry_name_zh ?? '', nameEn: r.industry_name_en ?? '' },
    region: r.region,
    address: r.address,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toContactPhone(r: PhoneFields): TContactPhone {
  return { raw: r.raw, number: r.number, extension: r.extension, kind: r.kind as TContactPhone['kind'] };
}

export function toContact(r: ContactRow, phones: readonly PhoneFields[]): TContact {
  return {
    id: r.id,
    customerId: r.customer_id,
    name: r.name,
    title: r.title,
    email: r.email,
    phones: phones.map(toContactPhone),
    primary: r.is_primary === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Contacts with their phones, from rows loaded in two queries. */
export function toContacts(rows: readonly ContactRow[], phones: readonly PhoneFields[]): TContact[] {
  const byContact = groupBy(phones, (p) => p.contact_id);
  return rows.map((r) => toContact(r, byContact.get(r.id) ?? []));
}
