import type { TChecklistItem, TChecklistItemType, TChecklistTemplate } from '@contract/checklists';
import type { TFieldPath } from '@contract/form-errors';
import type { TServiceRequestKind } from '@contract/service-request-workflow';

/** One item as the form edits it: a choice's options as lines `value | 中文 | English`. */
export interface TItemValues {
  key: string;
  type: TChecklistItemType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  unit?: string;
  min?: number | null;
  max?: number | null;
  optionsText?: string;
}

export interface TTemplateValues {
  code?: string;
  serviceKind: TServiceRequestKind;
  nameZh: string;
  nameEn: string;
  active: boolean;
  items: TItemValues[];
}

export function valuesOf(t: TChecklistTemplate | null): TTemplateValues {
  if (!t) return { code: '', serviceKind: 'preventive_maintenance', nameZh: '', nameEn: '', active: true, items: [] };
  return {
    serviceKind: t.serviceKind,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    active: t.active,
    items: t.items.map((i) => ({
      key: i.key,
      type: i.type,
      labelZh: i.labelZh,
      labelEn: i.labelEn,
      required: i.required,
      ...(i.type === 'number' && { unit: i.unit, min: i.min, max: i.max }),
      ...(i.type === 'choice' && { optionsText: i.options.map((o) => `${o.value} | ${o.labelZh} | ${o.labelEn}`).join('\n') }),
    })),
  };
}

/** The items as the API takes them; the server checks them (keys, ranges, options) and names what is wrong. */
export function itemsOf(values: TItemValues[]): TChecklistItem[] {
  return values.map((v) => {
    const base = { key: v.key.trim(), labelZh: v.labelZh, labelEn: v.labelEn, required: Boolean(v.required) };
    switch (v.type) {
      case 'number':
        return { ...base, type: 'number', unit: v.unit ?? '', min: v.min ?? null, max: v.max ?? null };
      case 'choice':
        return {
          ...base,
          type: 'choice',
          options: (v.optionsText ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line) => {
              const [value = '', zh = '', en = ''] = line.split('|').map((s) => s.trim());
              return { value, labelZh: zh || value, labelEn: en || zh || value };
            }),
        };
      default:
        return { ...base, type: v.type };
    }
  });
}

/** A server issue on `items.N.options…` shows on the item's options text. */
export function formPathOf(path: TFieldPath): TFieldPath {
  return path[0] === 'items' && path[2] === 'options' ? ['items', path[1] ?? 0, 'optionsText'] : path;
}
