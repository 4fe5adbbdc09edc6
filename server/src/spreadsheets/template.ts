import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs';
import type { TSheetColumn } from '../modules/imports/import-sheets';
import { columnLetter } from './sheet-table';
import { HEADER_FILL, HEADER_FONT, REQUIRED_FONT } from './xlsx-styles';

/** Rows of the data sheet that carry the dropdowns. */
const TEMPLATE_ROWS = 2000;

/** exceljs keeps range validations here; its typings only know the per-cell form. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** The header of a column: `*中文` over `English` (the star marks a required column). */
export function templateHeader(c: TSheetColumn): string {
  return `${c.required ? '*' : ''}${c.zh}\n${c.en}`;
}

function writeHeader(ws: ExcelJS.Worksheet, columns: readonly TSheetColumn[]): void {
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? 14 }));
  const row = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = templateHeader(c);
    cell.font = c.required ? REQUIRED_FONT : HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    const hint = [c.hintZh, c.hintEn].filter(Boolean).join('\n');
    if (hint) cell.note = hint;
  });
  row.height = 32;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * An import template: the first sheet (the one imported) with the headers and dropdowns for
 * the columns with options (strict) or suggestions (free text allowed); an example sheet; a
 * help sheet listing every column; the dropdowns' values on a sheet of their own.
 */
export function buildTemplate(columns: readonly TSheetColumn[], title: { zh: string; en: string }): Promise<Buffer> {
  // A template is a pure function of its columns (whose options may come from the database, so
  // they are the key): built once, not per download — writing the workbook costs 50–100 ms of CPU,
  // over a second for every request beside it on a loaded machine (the contract fuzz).
  const key = JSON.stringify([columns, title]);
  let built = templates.get(key);
  if (!built) {
    built = writeTemplate(columns, title);
    built.catch(() => templates.delete(key));
    if (templates.size >= TEMPLATES_KEPT) templates.delete(templates.keys().next().value as string);
    templates.set(key, built);
  }
  return built;
}

/** Templates kept: a few kinds, each with the option lists of the moment. */
const TEMPLATES_KEPT = 16;
const templates = new Map<string, Promise<Buffer>>();

async function writeTemplate(columns: readonly TSheetColumn[], title: { zh: string; en: string }): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = 'Fuwu 服务';
  const data = wb.addWorksheet('数据 Data');
  const example = wb.addWorksheet('示例 Example');
  const help = wb.addWorksheet('说明 Help');
  const lists = wb.addWorksheet('选项 Lists');

  writeHeader(data, columns);
  writeHeader(example, columns);
  example.addRow(columns.map((c) => c.example));

  help.columns = [
    { header: '列 Column', key: 'column', width: 28 },
    { header: '必填 Required', key: 'required', width: 12 },
    { header: '格式 Format', key: 'format', width: 12 },
    { header: '可选值 Allowed values', key: 'values', width: 50 },
    { header: '说明 Notes', key: 'notes', width: 50 },
  ];
  help.getRow(1).font = HEADER_FONT;
  help.addRow([`${title.zh} ${title.en}`]).font = HEADER_FONT;
  for (const c of columns) {
    help.addRow({
      column: `${c.zh} / ${c.en}`,
      required: c.required ? '是 yes' : '',
      format: c.format,
      values: (c.options?.map((o) => `${o.zh} (${o.en})`) ?? c.suggestions ?? []).join('；'),
      notes: [c.multiple ? '可填多个 several allowed' : '', c.hintZh, c.hintEn].filter(Boolean).join('\n'),
    });
  }

  let listCol = 0;
  const sheetRef = `'${lists.name}'`;
  columns.forEach((c, i) => {
    const values = c.options?.map((o) => o.zh) ?? c.suggestions;
    if (!values || values.length === 0) return;
    listCol += 1;
    const letter = columnLetter(listCol);
    lists.getCell(`${letter}1`).value = c.zh;
    values.forEach((v, k) => {
      lists.getCell(`${letter}${k + 2}`).value = v;
    });
    // Several values in one cell, or free text: the dropdown helps but does not refuse.
    const strict = c.options !== undefined && !c.multiple;
    const target = columnLetter(i + 1);
    (data as unknown as RangeValidations).dataValidations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`${sheetRef}!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: strict,
      errorStyle: strict ? 'stop' : 'information',
      error: strict ? '请从下拉列表中选择 / Choose from the list' : undefined,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
