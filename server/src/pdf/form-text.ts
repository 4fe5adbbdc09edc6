import { pick, type TBilingual } from '@contract/bilingual';
import type { TLocale } from '@contract/common';
import { formatWallTime } from '@contract/zoned-time';
import type { TFormDocument, TFormField } from './form-layout';

/** What a form's mapping needs besides its record: the language, the company's zone, the web's address. */
export interface TFormContext {
  locale: TLocale;
  timeZone: string;
  /** FUWU_PUBLIC_URL. */
  publicUrl: string;
}

/** A printed form's context from the configuration: zh-CN unless English is asked for (`?lang=en`). */
export function formContextOf(config: { FUWU_TIMEZONE: string; FUWU_PUBLIC_URL: string }, lang: TLocale | undefined): TFormContext {
  return { locale: lang ?? 'zh-CN', timeZone: config.FUWU_TIMEZONE, publicUrl: config.FUWU_PUBLIC_URL };
}

/** The words and formats every form's mapping uses, in the form's language. */
export function formText(ctx: TFormContext) {
  const t = (zh: string, en: string) => pick({ zh, en }, ctx.locale);
  return {
    t,
    pick: (label: TBilingual) => pick(label, ctx.locale),
    /** An instant as the company's wall clock shows it. */
    time: (iso: string | null) => (iso ? formatWallTime(iso, ctx.timeZone) : null),
    field: (zh: string, en: string, value: string | null, wide = false): TFormField => ({ label: t(zh, en), value, ...(wide && { wide }) }),
    /** The record in the web: FUWU_PUBLIC_URL + its path. */
    url: (path: string) => `${ctx.publicUrl.replace(/\/+$/, '')}${path}`,
    /** Creation time and creator, which every form carries. */
    meta: (createdAt: string, creator: string | null): TFormField[] => [
      { label: t('创建时间', 'Created'), value: formatWallTime(createdAt, ctx.timeZone) },
      { label: t('创建人', 'Created by'), value: creator },
    ],
  };
}

/** A form as its mapping returns it: everything but the company header, which printing adds. */
export type TFormBody = Omit<TFormDocument, 'company'>;

/** A printed form: its body and the PDF bytes. */
export type TPrintedForm = TFormBody & { pdf: Buffer };

/** `服务要求单-SR-2026-00042.pdf`: the title and number, safe as a file name. */
export function formFileName(form: TFormBody): string {
  return `${form.title}-${form.number}.pdf`;
}
