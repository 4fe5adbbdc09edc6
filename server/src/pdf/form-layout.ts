import type { TLocale } from '@contract/common';

/**
 * A printable form as data (R-FORM-1): what each form's mapping produces and the one drawing
 * engine (form-draw.ts) prints. Every text is already in the form's language, every time already
 * in the company's zone; the layout is plain data, so it crosses to the PDF worker as it is.
 */
export interface TFormField {
  label: string;
  value: string | null;
  /** Takes the whole line (long texts: description, remarks). */
  wide?: boolean;
}

export interface TFormColumn {
  label: string;
  /** Relative width; the columns share the line in proportion. */
  width: number;
}

/** A signature slot: empty lines to sign on paper, or the signed image with the signer's name and time. */
export interface TSignatureSlot {
  label: string;
  signerName: string | null;
  signedAt: string | null;
  /** PNG or JPEG bytes. */
  image: Uint8Array | null;
}

export type TFormSection =
  | { kind: 'fields'; heading?: string; fields: TFormField[] }
  | { kind: 'table'; heading?: string; columns: TFormColumn[]; rows: string[][]; emptyText?: string }
  | { kind: 'text'; heading?: string; text: string }
  | { kind: 'signatures'; heading?: string; slots: TSignatureSlot[] };

export interface TCompanyHeader {
  name: string;
  /** PNG or JPEG bytes, set by the administrator. */
  logo: Uint8Array | null;
}

export interface TFormDocument {
  locale: TLocale;
  company: TCompanyHeader;
  title: string;
  number: string;
  /** The record in the web (FUWU_PUBLIC_URL + its path), printed under the number. */
  recordUrl: string;
  /** Creation time and creator, shown beside the number. */
  meta: TFormField[];
  sections: TFormSection[];
  /** A4 (default), or one 100 × 70 mm label for a label printer (label-draw.ts). */
  paper?: 'a4' | 'label';
}

/** The engine's own words, per language. */
export const FORM_WORDS: Record<
  TLocale,
  { number: string; page: (n: number, of: number) => string; signer: string; signedAt: string; none: string }
> = {
  'zh-CN': { number: '编号', page: (n, of) => `第 ${n} / ${of} 页`, signer: '签字人', signedAt: '日期', none: '无' },
  en: { number: 'No.', page: (n, of) => `Page ${n} / ${of}`, signer: 'Name', signedAt: 'Date', none: 'None' },
};
