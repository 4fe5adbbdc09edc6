import { z } from 'zod';
import type { TBilingual } from './bilingual';
import { ZPageQuery, ZTimestamp } from './common';
import { ZServiceRequestKind } from './service-request-workflow';
import { bilingual } from './validation-messages';

// ── Checklists: versioned templates per service kind (R-INST-2, R-PM-6, R-TRAIN-3, R-GOODS-5) ──

export const CHECKLIST_ITEM_TYPES = ['yes_no', 'number', 'choice', 'text', 'photo'] as const;
export type TChecklistItemType = (typeof CHECKLIST_ITEM_TYPES)[number];

export const CHECKLIST_ITEM_TYPE_LABELS: Record<TChecklistItemType, TBilingual> = {
  yes_no: { zh: '是/否', en: 'Yes / no' },
  number: { zh: '数值', en: 'Number' },
  choice: { zh: '选项', en: 'Choice' },
  text: { zh: '文字', en: 'Text' },
  photo: { zh: '照片', en: 'Photo' },
};

const label = z.string().trim().min(1).max(200);
const itemBase = {
  /** Stable within the template across versions: answers are keyed by it. */
  key: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,39}$/,
      bilingual({ zh: '须为小写字母开头的字母、数字或下划线', en: 'lower-case letters, digits and _, starting with a letter' }),
    ),
  labelZh: label,
  labelEn: label,
  required: z.boolean(),
};

export const ZChecklistChoiceOption = z.strictObject({
  value: z.string().trim().min(1).max(40),
  labelZh: label,
  labelEn: label,
});

const ZNumberItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('number'),
    unit: z.string().trim().max(20),
    /** Allowed range, inclusive; null: no bound on that side. */
    min: z.number().finite().nullable(),
    max: z.number().finite().nullable(),
  })
  .refine(
    (i) => i.min === null || i.max === null || i.min <= i.max,
    bilingual({ zh: '下限不能大于上限', en: 'min must not exceed max' }, ['max']),
  );

const ZChoiceItem = z
  .strictObject({ ...itemBase, type: z.literal('choice'), options: z.array(ZChecklistChoiceOption).min(2).max(20) })
  .refine(
    (i) => new Set(i.options.map((o) => o.value)).size === i.options.length,
    bilingual({ zh: '选项值不能重复', en: 'option values must differ' }, ['options']),
  );

export const ZChecklistItem = z.discriminatedUnion('type', [
  z.strictObject({ ...itemBase, type: z.literal('yes_no') }),
  ZNumberItem,
  ZChoiceItem,
  z.strictObject({ ...itemBase, type: z.literal('text') }),
  z.strictObject({ ...itemBase, type: z.literal('photo') }),
]);
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

export const ZChecklistItems = z
  .array(ZChecklistItem)
  .min(1)
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key))
        ctx.addIssue({ code: 'custom', ...bilingual({ zh: '项目标识重复', en: 'this key is used twice' }, [i, 'key']) });
      seen.add(item.key);
    });
  });

/** One version of a template, as filled: a filled checklist keeps `templateId` + `versionNo`. */
export const ZChecklistTemplateVersion = z.object({
  templateId: z.number().int(),
  versionNo: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  items: z.array(ZChecklistItem),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: ZTimestamp,
});
export type TChecklistTemplateVersion = z.infer<typeof ZChecklistTemplateVersion>;

export const ZChecklistTemplate = z.object({
  id: z.number().int(),
  code: z.string(),
  serviceKind: ZServiceRequestKind,
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  /** The newest version; editing sends it back as `version` and makes the next one. */
  currentVersion: z.number().int(),
  items: z.array(ZChecklistItem),
  updatedAt: ZTimestamp,
});
export type TChecklistTemplate = z.infer<typeof ZChecklistTemplate>;

export const ZChecklistTemplateQuery = ZPageQuery.extend({
  serviceKind: ZServiceRequestKind.optional(),
  /** `true`: also the templates switched off. */
  all: z.enum(['true', 'false']).optional(),
}).strict();
export type TChecklistTemplateQuery = z.infer<typeof ZChecklistTemplateQuery>;

export const ZCreateChecklistTemplate = z.strictObject({
  code: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{1,39}$/,
      bilingual({ zh: '须为小写字母开头的字母、数字或下划线', en: 'lower-case letters, digits and _, starting with a letter' }),
    ),
  serviceKind: ZServiceRequestKind,
  nameZh: label,
  nameEn: label,
  items: ZChecklistItems,
});
export type TCreateChecklistTemplate = z.infer<typeof ZCreateChecklistTemplate>;

/** An edit makes a new version (names and items as given, or as they were). */
export const ZUpdateChecklistTemplate = z.strictObject({
  version: z.number().int(),
  serviceKind: ZServiceRequestKind.optional(),
  nameZh: label.optional(),
  nameEn: label.optional(),
  active: z.boolean().optional(),
  items: ZChecklistItems.optional(),
});
export type TUpdateChecklistTemplate = z.infer<typeof ZUpdateChecklistTemplate>;

export const ZChecklistVersionParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  versionNo: z.coerce.number().int().positive(),
});

// ── Answers and their evaluation (every form that carries a checklist uses this one function) ──

/** yes/no: boolean; number: number; choice: an option's value; text: string; photo: the ids of the photos taken for the item. */
export const ZChecklistAnswer = z.union([z.boolean(), z.number(), z.string().max(4000), z.array(z.string().max(200)).max(20)]);
export type TChecklistAnswer = z.infer<typeof ZChecklistAnswer>;
export const ZChecklistAnswers = z.record(z.string().max(40), ZChecklistAnswer.nullable());
export type TChecklistAnswers = z.infer<typeof ZChecklistAnswers>;

export interface TChecklistItemRef {
  key: string;
  label: TBilingual;
}

export interface TOutOfRange extends TChecklistItemRef {
  value: number;
  unit: string;
  min: number | null;
  max: number | null;
}

export interface TChecklistEvaluation {
  /** Required items without an answer, in the template's order. */
  missing: TChecklistItemRef[];
  /** Answers of the wrong kind for their item (a word for a number, a choice not offered). */
  invalid: TChecklistItemRef[];
  /** Numbers outside their item's allowed range: flagged, not refused. */
  outOfRange: TOutOfRange[];
  /** Nothing missing and nothing invalid (out-of-range values do not stop a report). */
  complete: boolean;
}

const refOf = (item: TChecklistItem): TChecklistItemRef => ({ key: item.key, label: { zh: item.labelZh, en: item.labelEn } });

/** Whether the answer is there at all: null, blank text and no photos count as not answered. */
function isAnswered(answer: TChecklistAnswer | null | undefined): answer is TChecklistAnswer {
  if (answer === null || answer === undefined) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

function fitsItem(item: TChecklistItem, answer: TChecklistAnswer): boolean {
  switch (item.type) {
    case 'yes_no':
      return typeof answer === 'boolean';
    case 'number':
      return typeof answer === 'number' && Number.isFinite(answer);
    case 'choice':
      return typeof answer === 'string' && item.options.some((o) => o.value === answer);
    case 'text':
      return typeof answer === 'string';
    case 'photo':
      return Array.isArray(answer) && answer.every((ref) => PHOTO_REF.test(ref));
  }
}

/** A photo item's answer names its photos by id (a checklist photo uploaded for that record and item). */
const PHOTO_REF = /^[1-9][0-9]{0,15}$/;

/** A photo's file types and size (the type is sniffed from the content by the upload). */
export const CHECKLIST_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const CHECKLIST_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** A photo taken for a photo item: its id goes into the item's answer. */
export const ZChecklistPhoto = z.object({
  id: z.number().int(),
  itemKey: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: ZTimestamp,
});
export type TChecklistPhoto = z.infer<typeof ZChecklistPhoto>;

/** The item a photo is taken for, and the photo (downloads). */
export const ZChecklistPhotoItemParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
});
export const ZChecklistPhotoParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  photoId: z.coerce.number().int().positive(),
});

/** A number outside [min, max] (inclusive bounds; a null bound is open). */
export function isOutOfRange(value: number, min: number | null, max: number | null): boolean {
  return (min !== null && value < min) || (max !== null && value > max);
}

/**
 * A template version's items against the answers given: which required items are missing (each
 * named), which answers do not fit their item, which numbers are outside their range. Answers to
 * keys the version does not have are ignored (a later version may have dropped the item).
 */
export function evaluateChecklist(items: readonly TChecklistItem[], answers: TChecklistAnswers): TChecklistEvaluation {
  const missing: TChecklistItemRef[] = [];
  const invalid: TChecklistItemRef[] = [];
  const outOfRange: TOutOfRange[] = [];
  for (const item of items) {
    const answer = Object.hasOwn(answers, item.key) ? answers[item.key] : undefined;
    if (!isAnswered(answer)) {
      if (item.required) missing.push(refOf(item));
      continue;
    }
    if (!fitsItem(item, answer)) {
      invalid.push(refOf(item));
      continue;
    }
    if (item.type === 'number' && typeof answer === 'number' && isOutOfRange(answer, item.min, item.max))
      outOfRange.push({ ...refOf(item), value: answer, unit: item.unit, min: item.min, max: item.max });
  }
  return { missing, invalid, outOfRange, complete: missing.length === 0 && invalid.length === 0 };
}
