import QRCode from 'qrcode';

type Doc = PDFKit.PDFDocument;

/**
 * A QR code drawn as vector squares (no image, so it stays sharp on any printer and adds a few
 * hundred bytes). `size` is the side in points, quiet zone included.
 */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill('white');
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  doc.fill('black');
  doc.restore();
}
