import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZChecklistItems, type TChecklistTemplate } from '@contract/checklists';
import { formPathOf, itemsOf, valuesOf } from './checklist-form-values';

describe('checklist template form values', () => {
  const template: TChecklistTemplate = {
    id: 1,
    code: 'pm',
    serviceKind: 'preventive_maintenance',
    nameZh: '例行检查',
    nameEn: 'PM',
    active: true,
    currentVersion: 3,
    updatedAt: '2026-12-07T00:00:00Z',
    items: [
      { key: 't', type: 'number', labelZh: '温度', labelEn: 'Temperature', required: true, unit: '°C', min: 18, max: 27 },
      {
        key: 's',
        type: 'choice',
        labelZh: '软件测试',
        labelEn: 'Software tests',
        required: true,
        options: [
          { value: 'passed', labelZh: '通过', labelEn: 'Passed' },
          { value: 'failed', labelZh: '未通过', labelEn: 'Failed' },
        ],
      },
      { key: 'p', type: 'photo', labelZh: '照片', labelEn: 'Photo', required: false },
    ],
  };

  it('a template read into the form and saved unchanged gives back the same items', () => {
    const items = itemsOf(valuesOf(template).items);
    assert.deepEqual(items, template.items);
    assert.equal(ZChecklistItems.safeParse(items).success, true);
  });

  it('an option line without English falls back to the Chinese label', () => {
    const [item] = itemsOf([
      { key: 'c', type: 'choice', labelZh: '甲', labelEn: 'A', required: true, optionsText: 'ok | 正常\n\nbad|异常|Faulty' },
    ]);
    assert.deepEqual(item?.type === 'choice' && item.options, [
      { value: 'ok', labelZh: '正常', labelEn: '正常' },
      { value: 'bad', labelZh: '异常', labelEn: 'Faulty' },
    ]);
  });

  it("an issue on a choice's options lands on its options text", () => {
    assert.deepEqual(formPathOf(['items', 2, 'options', 1, 'value']), ['items', 2, 'optionsText']);
    assert.deepEqual(formPathOf(['items', 0, 'max']), ['items', 0, 'max']);
  });
});
