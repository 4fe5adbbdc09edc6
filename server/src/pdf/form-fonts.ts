import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** A font as pdfkit's `registerFont` takes it: the file's bytes, or the font parsed already. */
export type TPdfFont = Parameters<PDFKit.PDFDocument['registerFont']>[1];

/** The Noto Sans SC faces; pdfkit embeds only the glyphs a document uses (a subset). */
export interface TFormFonts {
  regular: TPdfFont;
  bold: TPdfFont;
}

/**
 * Noto Sans SC (OFL) from @expo-google-fonts/noto-sans-sc, read and parsed once per thread.
 * pdfkit parses a face given as bytes for every document: ≈ 11 MB of tables each time, several
 * times the cost of drawing the form. It also takes a parsed font, so each face is parsed once,
 * through a probe document (pdfkit does not export its parser), and every form reuses it.
 */
export function loadFormFonts(): TFormFonts {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return {
    regular: parsed(fs.readFileSync(path.join(dir, '400Regular/NotoSansSC_400Regular.ttf'))),
    bold: parsed(fs.readFileSync(path.join(dir, '700Bold/NotoSansSC_700Bold.ttf'))),
  };
}

function parsed(bytes: Buffer): TPdfFont {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont('face', bytes);
  probe.font('face');
  const font = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  if (typeof font?.layout !== 'function') throw new Error('pdfkit did not parse the form font');
  return font as unknown as TPdfFont;
}
