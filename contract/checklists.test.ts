import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateChecklist, isOutOfRange, type TChecklistAnswers, type TChecklistItem, ZChecklistItems } from './checklists';

const item = {
  yes: (key: string, required = true): TChecklistItem => ({ key, type: 'yes_no', labelZh: `是否${key}`, labelEn: `Is ${key}`, required }),
  num: (key: string, min: number | null, max: number | null, required = true): TChecklistItem => ({
    key,
    type: 'number',
    labelZh: `数值${key}`,
    labelEn: `Number ${key}`,
    required,
    unit: '°C',
    min,
    max,
  }),
  choice: (key: string): TChecklistItem => ({
    key,
    type: 'choice',
    labelZh: '软件测试',
    labelEn: 'Software tests',
    required: true,
    options: [
      { value: 'passed', labelZh: '通过', labelEn: 'Passed' },
      { value: 'failed', labelZh: '未通过', labelEn: 'Failed' },
    ],
  }),
  text: (key: string, required = false): TChecklistItem => ({ key, type: 'text', labelZh: '备注', labelEn: 'Notes', required }),
  photo: (key: string, required = false): TChecklistItem => ({ key, type: 'photo', labelZh: '照片', labelEn: 'Photo', required }),
};

describe('checklist evaluation', () => {
  const pm = [
    item.num('temperature', 18, 27),
    item.yes('dust_cleaned'),
    item.choice('software'),
    item.text('findings'),
    item.photo('photo', true),
  ];

  it('R-PM-6 names every required item left empty, in the template order, in both languages', () => {
    const r = evaluateChecklist(pm, { temperature: null, findings: '', photo: [] });
    assert.deepEqual(
      r.missing.map((m) => m.key),
      ['temperature', 'dust_cleaned', 'software', 'photo'],
    );
    assert.deepEqual(r.missing[1]?.label, { zh: '是否dust_cleaned', en: 'Is dust_cleaned' });
    assert.equal(r.complete, false);
  });

  it('R-PM-6 flags a temperature outside its range without refusing the checklist', () => {
    const r = evaluateChecklist(pm, { temperature: 31.5, dust_cleaned: false, software: 'passed', photo: ['1'] });
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.outOfRange, [
      { key: 'temperature', label: { zh: '数值temperature', en: 'Number temperature' }, value: 31.5, unit: '°C', min: 18, max: 27 },
    ]);
    assert.equal(r.complete, true, 'a "no" is an answer; an out-of-range value is flagged, not missing');
  });

  it('counts an answer of the wrong kind, or a choice not offered, as invalid', () => {
    const r = evaluateChecklist(pm, {
      temperature: '25' as unknown as number,
      dust_cleaned: 'yes' as unknown as boolean,
      software: 'maybe',
      photo: ['7'],
    });
    assert.deepEqual(
      r.invalid.map((m) => m.key),
      ['temperature', 'dust_cleaned', 'software'],
    );
    // A photo answer names photos by their ids, nothing else.
    assert.deepEqual(
      evaluateChecklist(pm, { photo: ['../etc/passwd'] }).invalid.map((m) => m.key),
      ['photo'],
    );
    assert.equal(r.complete, false);
  });

  it('bounds are inclusive and a null bound is open', () => {
    assert.equal(isOutOfRange(18, 18, 27), false);
    assert.equal(isOutOfRange(27, 18, 27), false);
    assert.equal(isOutOfRange(17.99, 18, 27), true);
    assert.equal(isOutOfRange(1e9, 12, null), false);
    assert.equal(isOutOfRange(-1e9, null, 0), false);
  });

  // Any template and any answers: the evaluation agrees with a plain reading of the rules.
  const arbItem = fc.oneof(
    fc.record({ required: fc.boolean() }).map(({ required }) => ({ type: 'yes_no' as const, required })),
    fc
      .record({ required: fc.boolean(), a: fc.option(fc.integer({ min: -50, max: 50 })), b: fc.option(fc.integer({ min: -50, max: 50 })) })
      .map(({ required, a, b }) => {
        const [min, max] = a !== null && b !== null && a > b ? [b, a] : [a, b];
        return { type: 'number' as const, required, min, max };
      }),
    fc.record({ required: fc.boolean() }).map(({ required }) => ({ type: 'text' as const, required })),
  );
  const arbAnswer = fc.option(fc.oneof(fc.boolean(), fc.integer({ min: -80, max: 80 }), fc.constantFrom('', ' ', '正常')), {
    nil: undefined,
  });

  it('missing, invalid and out-of-range are exactly what the rules say, for any template and answers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbItem, arbAnswer), { minLength: 1, maxLength: 30 }), (pairs) => {
        const items: TChecklistItem[] = pairs.map(([spec], i) => {
          const base = { key: `k${i}`, labelZh: `项${i}`, labelEn: `Item ${i}`, required: spec.required };
          return spec.type === 'number'
            ? { ...base, type: 'number', unit: 'V', min: spec.min, max: spec.max }
            : { ...base, type: spec.type };
        });
        const answers: TChecklistAnswers = {};
        pairs.forEach(([, a], i) => {
          if (a !== undefined) answers[`k${i}`] = a;
        });
        const r = evaluateChecklist(items, answers);
        const expectMissing: string[] = [];
        const expectInvalid: string[] = [];
        const expectOut: string[] = [];
        items.forEach((it) => {
          const a = answers[it.key];
          const empty = a === undefined || (typeof a === 'string' && a.trim() === '');
          if (empty) {
            if (it.required) expectMissing.push(it.key);
            return;
          }
          const fits = it.type === 'yes_no' ? typeof a === 'boolean' : it.type === 'number' ? typeof a === 'number' : typeof a === 'string';
          if (!fits) expectInvalid.push(it.key);
          else if (it.type === 'number' && typeof a === 'number' && ((it.min !== null && a < it.min) || (it.max !== null && a > it.max)))
            expectOut.push(it.key);
        });
        assert.deepEqual(
          r.missing.map((m) => m.key),
          expectMissing,
        );
        assert.deepEqual(
          r.invalid.map((m) => m.key),
          expectInvalid,
        );
        assert.deepEqual(
          r.outOfRange.map((m) => m.key),
          expectOut,
        );
        assert.equal(r.complete, expectMissing.length === 0 && expectInvalid.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('a template refuses two items with the same key and a range whose min exceeds its max, naming the field', () => {
    const dup = ZChecklistItems.safeParse([item.yes('a'), item.yes('a')]);
    assert.equal(dup.success, false);
    assert.deepEqual(
      dup.error?.issues.map((i) => i.path),
      [[1, 'key']],
    );
    const range = ZChecklistItems.safeParse([item.num('t', 30, 20)]);
    assert.equal(range.success, false);
    assert.deepEqual(
      range.error?.issues.map((i) => i.path),
      [[0, 'max']],
    );
  });
});
