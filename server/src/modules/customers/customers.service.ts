import { RULE_ISSUES } from '@contract/validation-messages';
import {
  customerNameCore,
  normaliseCustomerName,
  SIMILAR_PREFIX_MIN,
  type TCheckNameResult,
  type TContact,
  type TCreateContact,
  type TCreateCustomer,
  type TCustomer,
  type TCustomerDetail,
  type TCustomerQuery,
  type TCustomerRef,
  type TCustomerWarning,
  type TCustomerWriteResult,
  type TPhoneLookupResult,
  type TUpdateContact,
  type TUpdateCustomer,
} from '@contract/customers';
import { normalisePhone, phoneMatchKey, phonesMatch, type TPhoneKind } from '@contract/phone';
import type { Actor } from '../../actor';
import { AppError, fieldError, issue } from '../../app-error';
import { nowIso } from '../../clock';
import type { Db } from '../../db/database';
import { translateDbError } from '../../db/db-errors';
import { groupBy, type Page } from '../../db/list-query';
import { transact } from '../../db/transaction';
import { recordAudit, recordAuditMany } from '../audit/audit.service';
import { reindexContractsOfCustomer } from '../contracts/contracts.service';
import { reindexCustomerRequests } from '../service-requests/service-requests.service';
import { indexEntry, indexNewEntries, removeEntry } from '../search/search.service';
import { contactEntry, customerEntry, reindexContactsOfCustomer } from './customers.search';
import { type PhoneFields, toContact, toContacts, toCustomer } from './customers.view';
import * as repo from './customers.repo';
import { requireActiveIndustries } from './industries.service';

/** Where a field's error is reported: `name` for one record, `12.name` for row 12 of a batch. */
export type IssuePath = (index: number, field: string) => string;
const singlePath: IssuePath = (_i, field) => field;
const batchPath: IssuePath = (i, field) => `${i}.${field}`;

/** How many contacts a phone lookup returns at most (a switchboard number may match many). */
const PHONE_MATCH_LIMIT = 50;

// ── Reading ──

export async function getCustomer(db: Db, id: number): Promise<TCustomerDetail> {
  const row = await repo.findCustomerById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...toCustomer(row), contacts: await loadContacts(db, id) };
}

/** The customers records refer to, by id; a missing one is an error naming the field (`pathOf(i)`). */
export async function requireCustomerRefs(
  db: Db,
  ids: readonly number[],
  pathOf: (i: number) => string,
): Promise<Map<number, TCustomerRef>> {
  const found = new Map((await repo.findCustomersByIds(db, ids)).map((r) => [r.id, { id: r.id, name: r.name }]));
  ids.forEach((id, i) => {
    if (!found.has(id)) throw new AppError('REFERENCE_INVALID', [issue(pathOf(i), RULE_ISSUES.noSuchCustomer)]);
  });
  return found;
}

export async function listCustomers(db: Db, q: TCustomerQuery): Promise<Page<TCustomer>> {
  const { rows, total } = await repo.listCustomers(db, q);
  return { items: rows.map(toCustomer), total, page: q.page, pageSize: q.pageSize };
}

/** For the form: customers whose name matches `name` once normalised (full-width, case, spaces). */
/** Near matches the form lists at most. */
const SIMILAR_LIMIT = 10;

/**
 * The form's check as the name is typed: customers with the same name (normalised), and near
 * matches — the same core (no company-form suffix, punctuation or spaces), or, once the typed
 * core is long enough, a core beginning with it. A warning only: nothing is refused.
 */
export async function checkCustomerName(db: Db, name: string, excludeId?: number): Promise<TCheckNameResult> {
  const key = normaliseCustomerName(name);
  const core = customerNameCore(name);
  const ref = (r: { id: number; name: string }): TCustomerRef => ({ id: Number(r.id), name: r.name });
  const matches = (await repo.findCustomersByNameKeys(db, [key])).filter((r) => Number(r.id) !== excludeId).map(ref);
  const near =
    core.length === 0
      ? []
      : core.length >= SIMILAR_PREFIX_MIN
        ? await repo.findCustomersByNameCorePrefix(db, core, SIMILAR_LIMIT + matches.length + 1)
        : await repo.findCustomersByNameCores(db, [core]);
  const shown = new Set([...matches.map((m) => m.id), excludeId]);
  const similar = near
    .map(ref)
    .filter((r) => !shown.has(r.id))
    .slice(0, SIMILAR_LIMIT);
  return { normalized: key, matches, similar };
}

/**
 * Customers by name as compared for duplicates (normalised: full-width, case, spaces), for
 * imports matching names to customers: normalised name → the customers holding it.
 */
export async function findCustomersByNames(db: Db, names: readonly string[]): Promise<Map<string, TCustomerRef[]>> {
  const rows = await repo.findCustomersByNameKeys(db, names.map(normaliseCustomerName));
  const byKey = groupBy(rows, (r) => r.name_key);
  return new Map([...byKey].map(([key, group]) => [key, group.map((r) => ({ id: r.id, name: r.name }))]));
}

async function loadContacts(db: Db, customerId: number): Promise<TContact[]> {
  const rows = await repo.findContactsOfCustomer(db, customerId);
  const phones = await repo.findPhonesOfContacts(
    db,
    rows.map((r) => r.id),
  );
  return toContacts(rows, phones);
}

/** Whether the contact is one of the customer's: one lookup by id, for a record naming both (a call). */
export async function isContactOf(db: Db, customerId: number, contactId: number): Promise<boolean> {
  const row = await repo.findContactById(db, contactId);
  return row !== undefined && Number(row.customer_id) === customerId;
}

async function loadContact(db: Db, customerId: number, contactId: number): Promise<TContact> {
  const row = await repo.findContactById(db, contactId);
  if (!row || row.customer_id !== customerId) throw new AppError('NOT_FOUND');
  return toContact(row, await repo.findPhonesOfContacts(db, [contactId]));
}

/**
 * Contacts whose phone is the caller's number (R-CALL-1): normalised the same way, matched
 * by an index seek on the number's match key (a landline also without its area code).
 */
export async function findContactsByPhone(db: Db, raw: string): Promise<TPhoneLookupResult> {
  const caller = normalisePhone(raw);
  if (!caller) return { number: null, items: [] };
  const key = phoneMatchKey(caller);
  const items: TPhoneLookupResult['items'] = [];
  for (const [id, phones] of groupBy(await repo.findPhoneMatches(db, key), (p) => p.contact_id)) {
    const matches = phones.some(
      (p) => p.match_key === key && phonesMatch(caller, { number: p.number, extension: p.extension, kind: p.kind as TPhoneKind }),
    );
    if (!matches) continue;
    const contact = toContact({ ...phones[0], id }, phones);
    items.push({ contact, customer: { id: contact.customerId, name: phones[0].customer_name } });
    if (items.length === PHONE_MATCH_LIMIT) break;
  }
  return { number: caller.number, items };
}

// ── Customers ──

/** Create one customer with its first contacts; a duplicate name is warned about, not refused. */
export async function createCustomer(db: Db, actor: Actor, input: TCreateCustomer): Promise<TCustomerWriteResult> {
  const [created] = await transact(db, (trx) => insertCustomers(trx, actor, [input], singlePath));
  return created;
}

/**
 * Create many customers (with contacts) inside the caller's transaction, in a handful of
 * multi-row INSERTs: for imports. Errors name the row: `3.contacts.0.phones.1`.
 */
export function createCustomersMany(trx: Db, actor: Actor, inputs: readonly TCreateCustomer[]): Promise<TCustomerWriteResult[]> {
  return insertCustomers(trx, actor, inputs, batchPath);
}

async function insertCustomers(
  trx: Db,
  actor: Actor,
  inputs: readonly TCreateCustomer[],
  pathOf: IssuePath,
): Promise<TCustomerWriteResult[]> {
  if (inputs.length === 0) return [];
  const industries = await requireActiveIndustries(
    trx,
    inputs.map((c) => c.industryId),
    (i) => pathOf(i, 'industryId'),
  );
  for (const [i, c] of inputs.entries()) validateNewContacts(c.contacts, (field) => pathOf(i, `contacts.${field}`));
  const warnings = await duplicateNameWarnings(
    trx,
    inputs.map((c) => c.name),
    (i) => pathOf(i, 'name'),
  );

  const contactPlans = inputs.flatMap((c, i) =>
    c.contacts.map((contact, j) => ({
      customerIndex: i,
      contact,
      isPrimary: isPrimaryOnCreate(c.contacts, j),
      phones: normalisePhones(contact.phones, (k) => pathOf(i, `contacts.${j}.phones.${k}`)),
    })),
  );

  const at = nowIso();
  const customerRows = inputs.map((c) => ({
    name: c.name,
    name_key: normaliseCustomerName(c.name),
    name_core: customerNameCore(c.name),
    industry_id: c.industryId ?? null,
    region: c.region ?? null,
    address: c.address ?? null,
    notes: c.notes ?? null,
    version: 1,
    created_at: at,
    updated_at: at,
  }));
  const customerIds = await repo.insertCustomers(trx, customerRows);
  const contactRows = contactPlans.map(({ contact, customerIndex, isPrimary }) => ({
    customer_id: customerIds[customerIndex],
    name: contact.name,
    title: contact.title ?? null,
    email: contact.email ?? null,
    is_primary: isPrimary ? 1 : 0,
    version: 1,
    created_at: at,
    updated_at: at,
  }));
  const contactIds = await repo.insertContacts(trx, contactRows);
  const phoneRows = contactPlans.flatMap(({ phones }, k) => phoneRowsOf(contactIds[k], phones));
  await repo.insertPhones(trx, phoneRows);

  const contactsByCustomer = groupBy(
    toContacts(
      contactRows.map((r, k) => ({ ...r, id: contactIds[k] })),
      phoneRows,
    ),
    (c) => c.customerId,
  );
  const results = customerRows.map((row, i): TCustomerWriteResult => {
    const industry = row.industry_id === null ? null : (industries.get(row.industry_id) ?? null);
    const customer = toCustomer({
      ...row,
      id: customerIds[i],
      industry_code: industry?.code ?? null,
      industry_name_zh: industry?.nameZh ?? null,
      industry_name_en: industry?.nameEn ?? null,
    });
    return { ...customer, contacts: contactsByCustomer.get(customer.id) ?? [], warnings: warnings[i] };
  });

  await recordAuditMany(
    trx,
    actor,
    results.flatMap(({ warnings: _w, ...detail }) => [
      { entity: 'customer', entityId: detail.id, action: 'create', after: detail },
      ...detail.contacts.map((c) => ({ entity: 'contact', entityId: c.id, action: 'create', after: c })),
    ]),
  );
  await indexNewEntries(trx, [...results.map(customerEntry), ...results.flatMap((r) => r.contacts.map((c) => contactEntry(c, r.name)))]);
  return results;
}

export async function updateCustomer(db: Db, actor: Actor, id: number, input: TUpdateCustomer): Promise<TCustomerWriteResult> {
  return transact(db, async (trx) => {
    const before = await getCustomer(trx, id);
    if (input.industryId) await requireActiveIndustries(trx, [input.industryId], () => 'industryId');
    await repo.updateCustomer(trx, id, input.version, {
      ...(input.name !== undefined && {
        name: input.name,
        name_key: normaliseCustomerName(input.name),
        name_core: customerNameCore(input.name),
      }),
      ...(input.industryId !== undefined && { industry_id: input.industryId }),
      ...(input.region !== undefined && { region: input.region }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.notes !== undefined && { notes: input.notes }),
      updated_at: nowIso(),
    });
    const after = await getCustomer(trx, id);
    const warnings = input.name === undefined ? [] : (await duplicateNameWarnings(trx, [input.name], () => 'name', id))[0];
    await indexEntry(trx, customerEntry(after));
    if (after.name !== before.name) {
      await reindexContactsOfCustomer(trx, id, after.name);
      await reindexContractsOfCustomer(trx, id);
      await reindexCustomerRequests(trx, id);
    }
    await recordAudit(trx, actor, { entity: 'customer', entityId: id, action: 'update', before, after });
    return { ...after, warnings };
  });
}

/** Refused (CUSTOMER_IN_USE) while contracts or documents refer to the customer. */
export async function deleteCustomer(db: Db, actor: Actor, id: number): Promise<void> {
  await transact(db, async (trx) => {
    const before = await getCustomer(trx, id);
    try {
      await repo.deleteCustomer(trx, id);
    } catch (err) {
      const translated = translateDbError(err);
      if (translated instanceof AppError && translated.code === 'REFERENCE_INVALID') throw new AppError('CUSTOMER_IN_USE');
      throw err;
    }
    await removeEntry(trx, 'customer', id);
    for (const c of before.contacts) await removeEntry(trx, 'contact', c.id);
    await recordAudit(trx, actor, { entity: 'customer', entityId: id, action: 'delete', before });
  });
}

/**
 * Per input: a duplicate warning when another customer (or an earlier input of the same batch)
 * has its normalised name, and a near-duplicate warning when others have its core only
 * ("北京中金汇通银行" against "北京中金汇通银行股份有限公司").
 */
async function duplicateNameWarnings(
  db: Db,
  names: readonly string[],
  pathOf: (i: number) => string,
  excludeId?: number,
): Promise<TCustomerWarning[][]> {
  const keys = names.map(normaliseCustomerName);
  const cores = names.map(customerNameCore);
  const existing = await findCustomersByNames(db, names);
  const byCore = groupBy(await repo.findCustomersByNameCores(db, cores.filter(Boolean)), (r) => r.name_core);
  const seenInBatch = new Set<string>();
  const coresInBatch = new Set<string>();
  return keys.map((key, i) => {
    const path = pathOf(i);
    const matches = (existing.get(key) ?? []).filter((c) => c.id !== excludeId);
    const warnings: TCustomerWarning[] = [];
    if (matches.length > 0 || seenInBatch.has(key)) warnings.push({ code: 'CUSTOMER_DUPLICATE_NAME', path, matches });
    const exact = new Set(matches.map((m) => m.id));
    const similar = (byCore.get(cores[i]) ?? [])
      .map((r) => ({ id: Number(r.id), name: r.name }))
      .filter((r) => r.id !== excludeId && !exact.has(r.id));
    const similarInBatch = !seenInBatch.has(key) && coresInBatch.has(cores[i]);
    if (cores[i] && (similar.length > 0 || similarInBatch)) warnings.push({ code: 'CUSTOMER_SIMILAR_NAME', path, matches: similar });
    seenInBatch.add(key);
    coresInBatch.add(cores[i]);
    return warnings;
  });
}

// ── Contacts ──

export async function addContact(db: Db, actor: Actor, customerId: number, input: TCreateContact): Promise<TContact> {
  validateReachable(input.phones, input.email ?? null, (field) => field);
  const phones = normalisePhones(input.phones, (i) => `phones.${i}`);
  return transact(db, async (trx) => {
    const customer = await getCustomer(trx, customerId);
    const isPrimary = input.primary || !customer.contacts.some((c) => c.primary);
    if (isPrimary) await repo.clearPrimary(trx, customerId, 0);
    const at = nowIso();
    const [id] = await repo.insertContacts(trx, [
      {
        customer_id: customerId,
        name: input.name,
        title: input.title ?? null,
        email: input.email ?? null,
        is_primary: isPrimary ? 1 : 0,
        version: 1,
        created_at: at,
        updated_at: at,
      },
    ]);
    await repo.insertPhones(trx, phoneRowsOf(id, phones));
    const contact = await loadContact(trx, customerId, id);
    await indexEntry(trx, contactEntry(contact, customer.name));
    await recordAudit(trx, actor, { entity: 'contact', entityId: id, action: 'create', after: contact });
    return contact;
  });
}

/** Making a contact primary takes the flag from the customer's other contacts. */
export async function updateContact(db: Db, actor: Actor, customerId: number, contactId: number, input: TUpdateContact): Promise<TContact> {
  return transact(db, async (trx) => {
    const before = await loadContact(trx, customerId, contactId);
    validateReachable(
      input.phones ?? before.phones.map((p) => p.raw),
      input.email === undefined ? before.email : input.email,
      (field) => field,
    );
    if (input.primary === true) await repo.clearPrimary(trx, customerId, contactId);
    await repo.updateContact(trx, contactId, input.version, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.primary !== undefined && { is_primary: input.primary ? 1 : 0 }),
      updated_at: nowIso(),
    });
    if (input.phones) {
      await repo.deletePhonesOfContact(trx, contactId);
      await repo.insertPhones(
        trx,
        phoneRowsOf(
          contactId,
          normalisePhones(input.phones, (i) => `phones.${i}`),
        ),
      );
    }
    const after = await loadContact(trx, customerId, contactId);
    const customer = await repo.findCustomerById(trx, customerId);
    await indexEntry(trx, contactEntry(after, customer?.name ?? ''));
    await recordAudit(trx, actor, { entity: 'contact', entityId: contactId, action: 'update', before, after });
    return after;
  });
}

/** Deleting the primary contact makes the oldest remaining one primary. */
export async function deleteContact(db: Db, actor: Actor, customerId: number, contactId: number): Promise<void> {
  await transact(db, async (trx) => {
    const before = await loadContact(trx, customerId, contactId);
    await repo.deleteContact(trx, contactId);
    if (before.primary) {
      const [next] = await repo.findContactsOfCustomer(trx, customerId);
      if (next) await repo.setPrimary(trx, next.id);
    }
    await removeEntry(trx, 'contact', contactId);
    await recordAudit(trx, actor, { entity: 'contact', entityId: contactId, action: 'delete', before });
  });
}

/** On create, the contact marked primary is; with none marked, the first one is. */
function isPrimaryOnCreate(contacts: readonly TCreateContact[], index: number): boolean {
  const marked = contacts.findIndex((c) => c.primary);
  return index === (marked === -1 ? 0 : marked);
}

function validateNewContacts(contacts: readonly TCreateContact[], pathOf: (field: string) => string): void {
  contacts.forEach((c, j) => {
    validateReachable(c.phones, c.email ?? null, (field) => pathOf(`${j}.${field}`));
  });
  const primaries = contacts.map((c, j) => (c.primary ? j : -1)).filter((j) => j >= 0);
  if (primaries.length > 1)
    throw fieldError(pathOf(`${primaries[1]}.primary`), { zh: '只能有一位主要联系人', en: 'only one contact can be primary' });
}

/** A contact must be reachable: a phone or an e-mail. */
function validateReachable(phones: readonly string[], email: string | null, pathOf: (field: string) => string): void {
  if (phones.length === 0 && !email)
    throw fieldError(pathOf('phones'), { zh: '电话或电子邮箱至少填一项', en: 'a phone number or an e-mail is required' });
}

type NormalisedPhone = Omit<PhoneFields, 'contact_id'>;

/** Phones as stored: normalised, in the order given; one that holds no number is a field error. */
function normalisePhones(phones: readonly string[], pathOf: (index: number) => string): NormalisedPhone[] {
  return phones.map((raw, position) => {
    const p = normalisePhone(raw);
    if (!p) throw fieldError(pathOf(position), { zh: '不是有效的电话号码', en: 'not a phone number' });
    return { position, raw, number: p.number, extension: p.extension, kind: p.kind, match_key: phoneMatchKey(p) };
  });
}

function phoneRowsOf(contactId: number, phones: readonly NormalisedPhone[]): PhoneFields[] {
  return phones.map((p) => ({ ...p, contact_id: contactId }));
}
