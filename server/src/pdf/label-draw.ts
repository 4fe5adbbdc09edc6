import PDFDocument from 'pdfkit';
import type { TFormFonts } from './form-fonts';
import type { TFormDocument } from './form-layout';
import { drawQrCode } from './form-qr';

/** 100 × 70 mm in points: the label printer's stock. */
const MM = 72 / 25.4;
export const LABEL_SIZE: [number, number] = [100 * MM, 70 * MM];
const M = 3 * MM;
const MUTED = '#404040';

/**
 * A form on one 100 × 70 mm label (a Faulty Part Tag for a label printer): the title and number
 * large, the QR code of the record's address beside them, the fields in small type, nothing
 * longer than the label holds (long values are cut with an ellipsis).
 */
export function drawLabelPdf(form: TFormDocument, fonts: TFormFonts): Promise<Buffer> {
  const doc = new PDFDocument({
    size: LABEL_SIZE,
    margins: { top: M, left: M, right: M, bottom: 0 },
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
  const [width, height] = LABEL_SIZE;
  const qr = 22 * MM;
  const textWidth = width - M * 2 - qr - 2 * MM;
  drawQrCode(doc, form.recordUrl, width - M - qr, M - 1 * MM, qr);
  doc.font('regular').fontSize(6).fillColor(MUTED).text(form.company.name, M, M, { width: textWidth, lineBreak: false, ellipsis: true });
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('black')
    .text(form.title, M, M + 9, { width: textWidth, lineBreak: false });
  doc
    .font('bold')
    .fontSize(12)
    .text(form.number, M, M + 24, { width: textWidth, lineBreak: false });
  let y = M + qr + 1 * MM;
  doc
    .moveTo(M, y)
    .lineTo(width - M, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke();
  y += 2;
  const fields = form.sections.flatMap((s) => (s.kind === 'fields' ? s.fields : [])).filter((f) => f.value);
  const colWidth = (width - M * 2) / 2;
  const lineHeight = 11;
  let col = 0;
  for (const f of fields) {
    const wide = f.wide === true;
    if (wide && col === 1) {
      col = 0;
      y += lineHeight;
    }
    if (y + lineHeight > height - M) break;
    const x = M + col * colWidth;
    const w = wide ? width - M * 2 : colWidth - 3;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`${f.label}: `, x, y, { continued: true, lineBreak: false, width: w, ellipsis: true });
    doc.font('bold').fillColor('black').text(String(f.value).replace(/\s+/g, ' '), { lineBreak: false, width: w, ellipsis: true });
    if (wide || col === 1) {
      col = 0;
      y += lineHeight;
    } else col = 1;
  }
  doc.end();
  return done;
}
