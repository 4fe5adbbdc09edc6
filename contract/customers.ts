import { z } from 'zod';
import { singleLineText } from './text';
import { ZId, ZPageQuery, ZRef, ZTimestamp } from './common';

// ── Industries (R-ORG-6: the archive is organised industry → customer → contract) ──

export const ZIndustryRef = z.object({ id: z.number().int(), code: z.string(), nameZh: z.string(), nameEn: z.string() });
export type TIndustryRef = z.infer<typeof ZIndustryRef>;

export const ZIndustry = ZIndustryRef.extend({
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TIndustry = z.infer<typeof ZIndustry>;

const industryFields = {
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _; starts with a letter'),
  nameZh: singleLineText().min(1).max(50),
  nameEn: singleLineText().min(1).max(80),
  sort: z.number().int().min(0).max(9999),
  active: z.boolean(),
};

export const ZCreateIndustry = z.strictObject({
  ...industryFields,
  sort: industryFields.sort.default(0),
  active: industryFields.active.default(true),
});
export type TCreateIndustry = z.infer<typeof ZCreateIndustry>;

/** The code is the industry's stable key (imports refer to it): it cannot change. */
export const ZUpdateIndustry = z.strictObject({
  version: z.number().int(),
  nameZh: industryFields.nameZh.optional(),
  nameEn: industryFields.nameEn.optional(),
  sort: industryFields.sort.optional(),
  active: industryFields.active.optional(),
});
export type TUpdateIndustry = z.infer<typeof ZUpdateIndustry>;

export const ZIndustryQuery = ZPageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
  active: z.enum(['true', 'false']).optional(),
}).strict();
export type TIndustryQuery = z.infer<typeof ZIndustryQuery>;

// ── Contacts ──

export const PHONE_KINDS = ['mobile', 'landline', 'local', 'service', 'other'] as const;

export const ZContactPhone = z.object({
  /** As typed. */
  raw: z.string(),
  /** Normalised (contract/phone.ts): what callers are matched on. */
  number: z.string(),
  extension: z.string().nullable(),
  kind: z.enum(PHONE_KINDS),
});
export type TContactPhone = z.infer<typeof ZContactPhone>;

export const ZContact = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phones: z.array(ZContactPhone),
  /** One primary contact per customer. */
  primary: z.boolean(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TContact = z.infer<typeof ZContact>;

const contactFields = {
  name: singleLineText().min(1).max(100),
  title: singleLineText().max(100).nullable(),
  email: singleLineText().toLowerCase().max(254).pipe(z.email()).nullable(),
  /** Phone numbers as typed; each is normalised on the server. A contact needs a phone or an e-mail. */
  phones: z.array(singleLineText().min(1).max(60)).max(10),
  primary: z.boolean(),
};

export const ZCreateContact = z.strictObject({
  name: contactFields.name,
  title: contactFields.title.optional(),
  email: contactFields.email.optional(),
  phones: contactFields.phones.default([]),
  primary: contactFields.primary.default(false),
});
export type TCreateContact = z.infer<typeof ZCreateContact>;

export const ZUpdateContact = z.strictObject({
  version: z.number().int(),
  name: contactFields.name.optional(),
  title: contactFields.title.optional(),
  email: contactFields.email.optional(),
  phones: contactFields.phones.optional(),
  /** Only `true` is meaningful: another contact becomes primary by being set so. */
  primary: contactFields.primary.optional(),
});
export type TUpdateContact = z.infer<typeof ZUpdateContact>;

export const ZContactParams = z.strictObject({ id: ZId, contactId: ZId });

// ── Customers ──

/**
 * The key under which customer names are compared for duplicates: trimmed, full-width
 * characters made half-width (NFKC), runs of spaces collapsed, case folded.
 */
export function normaliseCustomerName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Company-form words that say nothing about which company it is, longest first. */
const COMPANY_SUFFIXES_ZH = ['股份有限公司', '有限责任公司', '有限公司', '总公司', '分公司', '公司', '集团'];
/** The same in English, as trailing words ("Co., Ltd.", "Inc."). */
const COMPANY_SUFFIX_EN = /(?:^|[\s\p{P}])(?:co|ltd|limited|inc|corp|corporation|company|group|llc|plc)[\s\p{P}]*$/u;

/**
 * The core of a customer name, for near-duplicate warnings: normalised as normaliseCustomerName,
 * without the company-form suffixes (股份有限公司, 有限公司, 集团, Co., Ltd. …) and without
 * punctuation, symbols and spaces (full-width ones too). "北京中金汇通银行" and
 * "北京中金汇通银行股份有限公司" share it. It holds no LIKE/GLOB wildcard (they are punctuation).
 * Changing it changes stored keys: a migration must recompute customer.name_core.
 */
export function customerNameCore(name: string): string {
  let s = normaliseCustomerName(name);
  for (let m = COMPANY_SUFFIX_EN.exec(s); m && m.index > 0; m = COMPANY_SUFFIX_EN.exec(s)) s = s.slice(0, m.index);
  s = s.replace(/[\p{P}\p{S}\s]+/gu, '');
  for (let cut = true; cut; ) {
    cut = false;
    for (const suffix of COMPANY_SUFFIXES_ZH) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        cut = true;
        break;
      }
    }
  }
  return s;
}

export const ZCustomerRef = ZRef;
export type TCustomerRef = z.infer<typeof ZCustomerRef>;

export const ZCustomer = ZCustomerRef.extend({
  industry: ZIndustryRef.nullable(),
  region: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TCustomer = z.infer<typeof ZCustomer>;

export const ZCustomerDetail = ZCustomer.extend({ contacts: z.array(ZContact) });
export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;

/** Warnings do not refuse the write; the form shows them (texts below). */
export const CUSTOMER_WARNINGS = {
  CUSTOMER_DUPLICATE_NAME: {
    zh: '已有同名客户，请确认不是重复录入',
    en: 'A customer with this name already exists; check this is not a duplicate',
  },
  CUSTOMER_SIMILAR_NAME: {
    zh: '已有名称相近的客户（仅公司类型、标点或空格不同），请确认不是重复录入',
    en: 'A customer with a near-identical name exists (only the company form, punctuation or spaces differ); check this is not a duplicate',
  },
} as const;

export const ZCustomerWarning = z.object({
  code: z.enum(Object.keys(CUSTOMER_WARNINGS) as [keyof typeof CUSTOMER_WARNINGS]),
  path: z.string(),
  matches: z.array(ZCustomerRef),
});
export type TCustomerWarning = z.infer<typeof ZCustomerWarning>;

/** The answer to a create or an edit: the customer, and what the user should double-check. */
export const ZCustomerWriteResult = ZCustomerDetail.extend({ warnings: z.array(ZCustomerWarning) });
export type TCustomerWriteResult = z.infer<typeof ZCustomerWriteResult>;

const customerFields = {
  name: singleLineText().min(1).max(200),
  industryId: z.number().int().positive().nullable(),
  region: singleLineText().max(100).nullable(),
  address: z.string().trim().max(300).nullable(),
  notes: z.string().trim().max(4000).nullable(),
};

/** A customer with its first contacts; later contact edits go through `/api/customers/:id/contacts`. */
export const ZCreateCustomer = z.strictObject({
  name: customerFields.name,
  industryId: customerFields.industryId.optional(),
  region: customerFields.region.optional(),
  address: customerFields.address.optional(),
  notes: customerFields.notes.optional(),
  contacts: z.array(ZCreateContact).max(50).default([]),
});
export type TCreateCustomer = z.infer<typeof ZCreateCustomer>;

export const ZUpdateCustomer = z.strictObject({
  version: z.number().int(),
  name: customerFields.name.optional(),
  industryId: customerFields.industryId.optional(),
  region: customerFields.region.optional(),
  address: customerFields.address.optional(),
  notes: customerFields.notes.optional(),
});
export type TUpdateCustomer = z.infer<typeof ZUpdateCustomer>;

export const CUSTOMER_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const ZCustomerQuery = ZPageQuery.extend({
  /** Name (full- or half-width, any case), region or address contains. */
  q: z.string().trim().max(100).optional(),
  industryId: z.coerce.number().int().positive().optional(),
  region: singleLineText().max(100).optional(),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
}).strict();
export type TCustomerQuery = z.infer<typeof ZCustomerQuery>;

export const ZCheckNameQuery = z.strictObject({ name: z.string().trim().min(1).max(200), excludeId: ZId.optional() });
export const ZCheckNameResult = z.object({
  normalized: z.string(),
  /** The same name (normalised). */
  matches: z.array(ZCustomerRef),
  /** Near matches: the same core (customerNameCore), or one beginning with the typed core once it is long enough. */
  similar: z.array(ZCustomerRef),
});
export type TCheckNameResult = z.infer<typeof ZCheckNameResult>;
/** Typed cores this long or longer also find customers whose core begins with them. */
export const SIMILAR_PREFIX_MIN = 4;

export const ZPhoneLookupQuery = z.strictObject({ phone: z.string().trim().min(1).max(60) });
export const ZPhoneLookupResult = z.object({
  /** The caller's number as normalised; null when it holds no digits. */
  number: z.string().nullable(),
  items: z.array(z.object({ contact: ZContact, customer: ZCustomerRef })),
});
export type TPhoneLookupResult = z.infer<typeof ZPhoneLookupResult>;
