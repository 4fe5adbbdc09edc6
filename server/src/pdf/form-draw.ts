import PDFDocument from 'pdfkit';
import type { TFormFonts } from './form-fonts';
import { drawLabelPdf } from './label-draw';
import { drawQrCode } from './form-qr';
import { FORM_WORDS, type TFormColumn, type TFormDocument, type TFormField, type TFormSection, type TSignatureSlot } from './form-layout';

const MARGIN = 40;
const FOOTER = 36;
const GRID = '#8c8c8c';
const SHADE = '#f0f0f0';
const MUTED = '#595959';
const PAD = 4;

type Doc = PDFKit.PDFDocument;

/** Print one form (A4) to PDF bytes: header, title, number, sections, page numbers. Synchronous drawing; run it off the request thread. */
export function drawFormPdf(form: TFormDocument, fonts: TFormFonts): Promise<Buffer> {
  if (form.paper === 'label') return drawLabelPdf(form, fonts);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    info: { Title: `${form.title} ${form.number}`, Author: form.company.name, Producer: 'Fuwu' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular');
  drawFirstHeader(doc, form);
  // Later pages carry a running header, so a loose sheet still says which form it belongs to.
  doc.on('pageAdded', () => {
    const top = doc.page.margins.top;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`${form.company.name}  ·  ${form.title}  ·  ${form.number}`, MARGIN, top, { width: contentWidth(doc), lineBreak: false });
    doc
      .moveTo(MARGIN, top + 13)
      .lineTo(MARGIN + contentWidth(doc), top + 13)
      .strokeColor(GRID)
      .lineWidth(0.5)
      .stroke();
    doc.fillColor('black');
    doc.y = top + 20;
  });
  for (const s of form.sections) drawSection(doc, s, form);
  numberPages(doc, form);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function drawFirstHeader(doc: Doc, form: TFormDocument): void {
  const width = contentWidth(doc);
  const top = MARGIN;
  let nameX = MARGIN;
  if (form.company.logo && drawImage(doc, form.company.logo, MARGIN, top, { fit: [120, 40], valign: 'center' })) nameX = MARGIN + 128;
  const words = FORM_WORDS[form.locale];
  // The form number as text and as a QR code that opens the record (R-FORM-1), top right.
  const qrSize = 54;
  drawQrCode(doc, form.recordUrl, MARGIN + width - qrSize, top - 4, qrSize);
  const rightWidth = 190;
  const rightX = MARGIN + width - qrSize - 6 - rightWidth;
  doc.font('bold').fontSize(13).fillColor('black');
  doc.text(form.company.name, nameX, top + 4, { width: rightX - nameX - 8, height: 36, ellipsis: true });
  doc.font('regular').fontSize(10);
  doc.text(`${words.number} ${form.number}`, rightX, top + 6, { width: rightWidth, align: 'right' });
  doc.fontSize(6.5).fillColor(MUTED);
  doc.text(form.recordUrl, rightX, doc.y + 1, { width: rightWidth, align: 'right', link: form.recordUrl });
  doc.fillColor('black');
  const ruleY = top + 54;
  doc
    .moveTo(MARGIN, ruleY)
    .lineTo(MARGIN + width, ruleY)
    .strokeColor('black')
    .lineWidth(1)
    .stroke();
  doc.font('bold').fontSize(18);
  doc.text(form.title, MARGIN, ruleY + 10, { width, align: 'center' });
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  const meta = form.meta.map((f) => `${f.label}: ${f.value ?? '—'}`).join('    ');
  doc.text(meta, MARGIN, doc.y + 4, { width, align: 'right' });
  doc.fillColor('black');
  doc.y += 6;
}

/**
 * An uploaded image (checked as PNG/JPEG by its first bytes only): one pdfkit cannot decode is left
 * out, so a damaged logo does not stop every form from printing.
 */
function drawImage(doc: Doc, bytes: Uint8Array, x: number, y: number, options: PDFKit.Mixins.ImageOption): boolean {
  try {
    doc.image(Buffer.from(bytes), x, y, options);
    return true;
  } catch {
    return false;
  }
}

function drawHeading(doc: Doc, heading: string | undefined, next: number): void {
  if (!heading) return;
  ensureRoom(doc, 20 + next);
  doc.font('bold').fontSize(11).fillColor('black');
  doc.text(heading, MARGIN, doc.y + 6, { width: contentWidth(doc) });
  doc.y += 3;
}

function drawSection(doc: Doc, s: TFormSection, form: TFormDocument): void {
  switch (s.kind) {
    case 'fields':
      drawHeading(doc, s.heading, 22);
      drawFields(doc, s.fields);
      return;
    case 'table':
      drawHeading(doc, s.heading, 40);
      drawTable(doc, s.columns, s.rows.length ? s.rows : [[s.emptyText ?? FORM_WORDS[form.locale].none]]);
      return;
    case 'text':
      drawHeading(doc, s.heading, 16);
      doc
        .font('regular')
        .fontSize(10)
        .text(s.text, MARGIN, doc.y + 2, { width: contentWidth(doc) });
      return;
    case 'signatures':
      drawHeading(doc, s.heading, 110);
      drawSignatures(doc, s.slots, form);
      return;
  }
}

/** Label/value cells, two pairs a line; a wide field takes the line. */
function drawFields(doc: Doc, fields: TFormField[]): void {
  const lines: TFormField[][] = [];
  for (const f of fields) {
    const last = lines.at(-1);
    if (!f.wide && last && last.length === 1 && !last[0]?.wide) last.push(f);
    else lines.push([f]);
  }
  const width = contentWidth(doc);
  const labelWidth = 104;
  for (const line of lines) {
    const pairWidth = line.length === 1 && line[0]?.wide ? width : width / 2;
    const valueWidth = pairWidth - labelWidth;
    doc.font('regular').fontSize(9);
    const labelHeights = line.map((f) => doc.heightOfString(f.label, { width: labelWidth - PAD * 2 }) + PAD * 2);
    doc.fontSize(10);
    const valueHeights = line.map((f) => doc.heightOfString(f.value || '—', { width: valueWidth - PAD * 2 }) + PAD * 2);
    const height = Math.max(20, ...labelHeights, ...valueHeights);
    ensureRoom(doc, height);
    const y = doc.y;
    line.forEach((f, i) => {
      const x = MARGIN + i * pairWidth;
      doc.rect(x, y, labelWidth, height).fillAndStroke(SHADE, GRID);
      doc
        .rect(x + labelWidth, y, valueWidth, height)
        .strokeColor(GRID)
        .lineWidth(0.5)
        .stroke();
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(9)
        .text(f.label, x + PAD, y + PAD + 0.5, { width: labelWidth - PAD * 2 });
      doc
        .fillColor('black')
        .fontSize(10)
        .text(f.value || '—', x + labelWidth + PAD, y + PAD, { width: valueWidth - PAD * 2 });
    });
    if (line.length === 1 && !line[0]?.wide) {
      // An odd field out: close the line with an empty pair, so the grid stays a grid.
      doc
        .rect(MARGIN + pairWidth, y, pairWidth, height)
        .strokeColor(GRID)
        .lineWidth(0.5)
        .stroke();
    }
    doc.y = y + height;
    doc.x = MARGIN;
  }
}

/** A table whose rows break across pages, the header row repeated on each page. */
function drawTable(doc: Doc, columns: TFormColumn[], rows: string[][]): void {
  const width = contentWidth(doc);
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * width);
  const rowHeight = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    return Math.max(18, ...cells.map((c, i) => doc.heightOfString(c || '', { width: (widths[i] ?? 0) - PAD * 2 }) + PAD * 2));
  };
  const drawRow = (cells: string[], height: number, header: boolean) => {
    const y = doc.y;
    let x = MARGIN;
    // A row narrower than the columns (an "empty" line) spans the whole table.
    const spans = cells.length === 1 && columns.length > 1 ? [width] : widths;
    spans.forEach((w, i) => {
      if (header) doc.rect(x, y, w, height).fillAndStroke(SHADE, GRID);
      else doc.rect(x, y, w, height).strokeColor(GRID).lineWidth(0.5).stroke();
      doc
        .fillColor(header ? 'black' : 'black')
        .font(header ? 'bold' : 'regular')
        .fontSize(9);
      doc.text(cells[i] ?? '', x + PAD, y + PAD, { width: w - PAD * 2 });
      x += w;
    });
    doc.y = y + height;
    doc.x = MARGIN;
  };
  const labels = columns.map((c) => c.label);
  const headerHeight = rowHeight(labels, 'bold');
  const first = rows[0] ?? [];
  ensureRoom(doc, headerHeight + rowHeight(first.length === 1 && columns.length > 1 ? [] : first, 'regular'));
  drawRow(labels, headerHeight, true);
  for (const row of rows) {
    const h = rowHeight(row.length === 1 && columns.length > 1 ? [] : row, 'regular');
    if (doc.y + h > bottomOf(doc)) {
      doc.addPage();
      drawRow(labels, headerHeight, true);
    }
    drawRow(row, h, false);
  }
}

/** Signature boxes, two a line: the image (or a blank to sign on paper), the signer's name and the time. */
function drawSignatures(doc: Doc, slots: TSignatureSlot[], form: TFormDocument): void {
  const words = FORM_WORDS[form.locale];
  const width = contentWidth(doc);
  const boxWidth = (width - 12) / 2;
  const boxHeight = 104;
  for (let i = 0; i < slots.length; i += 2) {
    ensureRoom(doc, boxHeight + 6);
    const y = doc.y + 4;
    slots.slice(i, i + 2).forEach((slot, j) => {
      const x = MARGIN + j * (boxWidth + 12);
      doc.rect(x, y, boxWidth, boxHeight).strokeColor(GRID).lineWidth(0.5).stroke();
      doc
        .font('bold')
        .fontSize(9)
        .fillColor('black')
        .text(slot.label, x + PAD, y + PAD, { width: boxWidth - PAD * 2 });
      if (slot.image) drawImage(doc, slot.image, x + PAD, y + 20, { fit: [boxWidth - PAD * 2, 48], align: 'center', valign: 'center' });
      doc.font('regular').fontSize(9);
      doc.text(`${words.signer}: ${slot.signerName ?? ''}`, x + PAD, y + 72, { width: boxWidth - PAD * 2, lineBreak: false });
      doc.text(`${words.signedAt}: ${slot.signedAt ?? ''}`, x + PAD, y + 86, { width: boxWidth - PAD * 2, lineBreak: false });
    });
    doc.y = y + boxHeight + 2;
    doc.x = MARGIN;
  }
}

function numberPages(doc: Doc, form: TFormDocument): void {
  const range = doc.bufferedPageRange();
  const words = FORM_WORDS[form.locale];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(words.page(i - range.start + 1, range.count), MARGIN, doc.page.height - MARGIN - 10, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
