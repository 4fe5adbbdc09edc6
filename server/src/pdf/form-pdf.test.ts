import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { TChecklistItem } from '@contract/checklists';
import { SAMPLE_PNG } from '../modules/files/files.fixtures';
import { checklistSection } from './checklist-section';
import type { TFormDocument } from './form-layout';
import { closeFormPrinter, renderFormPdf } from './form-pdf';
import { equipmentRows, holdsText, pdfFonts, pdfQrText, pdfText, sampleForm } from './pdf-tools.fixtures';

const form = (over: Partial<TFormDocument> = {}) => sampleForm(over);

describe('form PDF engine', () => {
  after(() => closeFormPrinter());

  it('R-FORM-1 prints the company header, title, number, record link and fields, with the Chinese font embedded as a subset', async () => {
    const pdf = await renderFormPdf(form());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = await pdfText(pdf);
    for (const s of [
      '北京测试服务有限公司',
      '服务要求单',
      'SR-2026-00042',
      'https://fuwu.example.cn/service-requests/42',
      '上海华东数据有限公司',
      '阵列两块硬盘亮黄灯',
      '第 1 / 1 页',
    ])
      assert.ok(holdsText(text, s), `${s} in:\n${text}`);
    const fonts = await pdfFonts(pdf);
    assert.ok(fonts.length > 0);
    for (const f of fonts) {
      assert.match(f.name, /^[A-Z]{6}\+NotoSansSC/, f.name);
      assert.ok(f.embedded && f.subset, JSON.stringify(f));
    }
    assert.ok(pdf.length < 100_000, `${pdf.length} bytes: the font is subset, not the 11 MB face`);
  });

  it('R-FORM-1 prints the form number as a QR code that opens the record', async () => {
    const recordUrl = 'https://fuwu.example.cn/service-reports/7301';
    assert.equal(await pdfQrText(await renderFormPdf(form({ recordUrl }))), recordUrl);
  });

  it('breaks a long table across pages, repeating its header row, and numbers every page', async () => {
    const pdf = await renderFormPdf(
      form({
        sections: [
          {
            kind: 'table',
            columns: [
              { label: '序号', width: 1 },
              { label: '设备型号', width: 5 },
              { label: 'PN', width: 3 },
              { label: 'SN', width: 3 },
            ],
            rows: equipmentRows(90),
          },
        ],
      }),
    );
    const pages = (await pdfText(pdf)).split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    pages.forEach((p, i) => {
      assert.ok(p.includes('设备型号'), `header row on page ${i + 1}`);
      assert.ok(holdsText(p, `第 ${i + 1} / ${pages.length} 页`), `page number on page ${i + 1}`);
    });
    const all = pages.join('\n');
    for (let i = 0; i < 90; i++) assert.ok(all.includes(`SN-ROW-${String(i).padStart(3, '0')}`), `row ${i}`);
    // Later pages name the form they belong to.
    assert.ok(pages[1]?.includes('SR-2026-00042'));
  });

  it('prints a signature slot with its image, signer and time, and an English form in English', async () => {
    const pdf = await renderFormPdf(
      form({
        locale: 'en',
        title: 'Service Request Form',
        company: { name: 'Test Service Co.', logo: SAMPLE_PNG },
        sections: [
          {
            kind: 'signatures',
            slots: [{ label: 'Customer signature', signerName: '王经理', signedAt: '2026-12-07 16:30', image: SAMPLE_PNG }],
          },
        ],
      }),
    );
    const text = await pdfText(pdf);
    for (const s of [
      'Service Request Form',
      'No. SR-2026-00042',
      'Customer signature',
      'Name: 王经理',
      'Date: 2026-12-07 16:30',
      'Page 1 / 1',
    ])
      assert.ok(holdsText(text, s), `${s} in:\n${text}`);
    assert.ok(!holdsText(text, '第 1'), 'no Chinese page words in the English form');
  });

  it('leaves out an image it cannot decode instead of failing the form', async () => {
    const broken = Buffer.concat([SAMPLE_PNG.subarray(0, 16), Buffer.from('not really a png')]);
    const pdf = await renderFormPdf(form({ company: { name: '北京测试服务有限公司', logo: broken } }));
    assert.ok((await pdfText(pdf)).includes('北京测试服务有限公司'));
  });
});

describe('a filled checklist on a form', () => {
  after(() => closeFormPrinter());

  it('R-PM-6 prints each item with its answer and flags the out-of-range temperature and the item left empty', async () => {
    const items: TChecklistItem[] = [
      {
        key: 'room_temperature',
        type: 'number',
        labelZh: '机房温度',
        labelEn: 'Room temperature',
        required: true,
        unit: '°C',
        min: 18,
        max: 27,
      },
      { key: 'dust_cleaned', type: 'yes_no', labelZh: '灰尘已清洁', labelEn: 'Dust cleaned', required: true },
      {
        key: 'software_tests',
        type: 'choice',
        labelZh: '软件维护测试',
        labelEn: 'Software maintenance tests',
        required: true,
        options: [
          { value: 'passed', labelZh: '通过', labelEn: 'Passed' },
          { value: 'failed', labelZh: '未通过', labelEn: 'Failed' },
        ],
      },
      {
        key: 'tools_parts_back',
        type: 'yes_no',
        labelZh: '工具和备件已全部带回',
        labelEn: 'All tools and parts brought back',
        required: true,
      },
    ];
    const answers = { room_temperature: 31, dust_cleaned: true, software_tests: 'passed' };
    const ctx = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', publicUrl: 'http://localhost' };
    const text = await pdfText(await renderFormPdf(form({ sections: [checklistSection('检查清单', items, answers, ctx)] })));
    for (const s of [
      '机房温度',
      '31 °C',
      '超出范围（18–27 °C）',
      '灰尘已清洁',
      '是',
      '软件维护测试',
      '通过',
      '工具和备件已全部带回',
      '必填项未填',
    ])
      assert.ok(holdsText(text, s), `${s} in:\n${text}`);
    const en = await pdfText(
      await renderFormPdf(form({ locale: 'en', sections: [checklistSection('Checklist', items, answers, { ...ctx, locale: 'en' })] })),
    );
    for (const s of ['Room temperature', 'Out of range (18–27 °C)', 'Passed', 'Required, not answered'])
      assert.ok(holdsText(en, s), `${s} in:\n${en}`);
  });
});
