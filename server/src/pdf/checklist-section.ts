import { evaluateChecklist, type TChecklistAnswer, type TChecklistAnswers, type TChecklistItem } from '@contract/checklists';
import type { TFormSection } from './form-layout';
import { formText, type TFormContext } from './form-text';

/**
 * A filled checklist as a form's table (service report, installation report…): each item of the
 * version it was filled with, its answer in the form's language, and a note for an answer out of
 * range, missing or not fitting its item — the same verdicts `evaluateChecklist` gives the screen.
 */
export function checklistSection(
  heading: string,
  items: readonly TChecklistItem[],
  answers: TChecklistAnswers,
  ctx: TFormContext,
): TFormSection {
  const { t, pick } = formText(ctx);
  const verdict = evaluateChecklist(items, answers);
  const notes = new Map<string, string>();
  for (const m of verdict.missing) notes.set(m.key, t('必填项未填', 'Required, not answered'));
  for (const m of verdict.invalid) notes.set(m.key, t('答案无效', 'Answer not valid'));
  for (const o of verdict.outOfRange) {
    const range = `${o.min ?? '…'}–${o.max ?? '…'} ${o.unit}`.trim();
    notes.set(o.key, t(`超出范围（${range}）`, `Out of range (${range})`));
  }
  const answerText = (item: TChecklistItem, a: TChecklistAnswer | null | undefined): string => {
    if (a === null || a === undefined) return '';
    switch (item.type) {
      case 'yes_no':
        return a === true ? t('是', 'Yes') : a === false ? t('否', 'No') : String(a);
      case 'number':
        return typeof a === 'number' ? `${a} ${item.unit}`.trim() : String(a);
      case 'choice': {
        const option = item.options.find((o) => o.value === a);
        return option ? pick({ zh: option.labelZh, en: option.labelEn }) : String(a);
      }
      case 'photo':
        return Array.isArray(a) ? t(`${a.length} 张照片`, `${a.length} photo(s)`) : '';
      case 'text':
        return String(a);
    }
  };
  return {
    kind: 'table',
    heading,
    columns: [
      { label: t('检查项目', 'Item'), width: 5 },
      { label: t('结果', 'Result'), width: 4 },
      { label: t('备注', 'Note'), width: 3 },
    ],
    rows: items.map((item) => [
      pick({ zh: item.labelZh, en: item.labelEn }),
      answerText(item, answers[item.key]),
      notes.get(item.key) ?? '',
    ]),
  };
}
