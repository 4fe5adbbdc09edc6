import { FILE_KINDS, type TFileKind } from '@contract/documents';
import { odfMimetype } from './zip-entries';

/** Bytes kept from the start of an upload for the magic-number checks. */
const HEAD_BYTES = 8192;

export type TTextEncoding = 'utf-8' | 'gb18030';

export interface SniffedContent {
  /** The first HEAD_BYTES bytes (fewer for a smaller file). */
  head: Buffer;
  /** Set when every byte decoded as text of this encoding, with no NUL or control byte. */
  textEncoding: TTextEncoding | null;
}

/**
 * Watches an upload's bytes as they stream past (nothing is buffered beyond the head): keeps
 * the first bytes and checks whether the whole content is valid UTF-8 or GB18030 text.
 */
export class ContentSniffer {
  private readonly head = Buffer.alloc(HEAD_BYTES);
  private headLength = 0;
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private gb18030: TextDecoder | null = new TextDecoder('gb18030', { fatal: true });

  update(chunk: Buffer): void {
    if (this.headLength < HEAD_BYTES) this.headLength += chunk.copy(this.head, this.headLength, 0, HEAD_BYTES - this.headLength);
    if (!this.utf8 && !this.gb18030) return;
    if (!isFreeOfControlBytes(chunk)) {
      this.utf8 = null;
      this.gb18030 = null;
      return;
    }
    this.utf8 = decodes(this.utf8, chunk, true);
    this.gb18030 = decodes(this.gb18030, chunk, true);
  }

  finish(): SniffedContent {
    const utf8 = decodes(this.utf8, undefined, false);
    const gb18030 = decodes(this.gb18030, undefined, false);
    return { head: this.head.subarray(0, this.headLength), textEncoding: utf8 ? 'utf-8' : gb18030 ? 'gb18030' : null };
  }
}

function decodes(decoder: TextDecoder | null, chunk: Buffer | undefined, stream: boolean): TextDecoder | null {
  if (!decoder) return null;
  try {
    decoder.decode(chunk, { stream });
    return decoder;
  } catch {
    return null;
  }
}

/** Text has no NUL and no control byte other than tab, line feed, form feed and carriage return. */
function isFreeOfControlBytes(chunk: Buffer): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return false;
  }
  return true;
}

/** Why an upload's type was refused; each maps to an error code. */
export type TTypeRefusal = 'forbidden' | 'unsupported' | 'mismatch';

export type TClassification =
  | { ok: true; kind: TFileKind; mime: string; extension: string }
  | { ok: false; refusal: TTypeRefusal; detail: string };

/** Extensions refused whatever the content: markup the browser renders, scripts, executables. */
const FORBIDDEN_EXTENSIONS = new Set(
  (
    'html htm xhtml shtml mht mhtml svg svgz xml xsl xslt js mjs cjs jsx ts vbs vbe wsf wsh hta bat cmd com exe dll scr ' +
    'msi msp cpl ps1 psm1 sh bash zsh csh php phtml py pl rb jar apk app dmg lnk reg swf docm xlsm pptm'
  ).split(' '),
);

type TMagicKind = TFileKind | 'zip-family' | 'ole' | 'executable';
type TSignature = [at: number, bytes: number[] | string];

/** Magic numbers, each a list of (offset, bytes) that must all match. */
const MAGIC: { kind: TMagicKind; signature: TSignature[] }[] = [
  { kind: 'pdf', signature: [[0, '%PDF-']] },
  { kind: 'png', signature: [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]] },
  { kind: 'jpeg', signature: [[0, [0xff, 0xd8, 0xff]]] },
  { kind: 'gif', signature: [[0, 'GIF87a']] },
  { kind: 'gif', signature: [[0, 'GIF89a']] },
  {
    kind: 'webp',
    signature: [
      [0, 'RIFF'],
      [8, 'WEBP'],
    ],
  },
  { kind: 'tiff', signature: [[0, [0x49, 0x49, 0x2a, 0x00]]] },
  { kind: 'tiff', signature: [[0, [0x4d, 0x4d, 0x00, 0x2a]]] },
  { kind: 'zip-family', signature: [[0, [0x50, 0x4b, 0x03, 0x04]]] },
  { kind: 'zip-family', signature: [[0, [0x50, 0x4b, 0x05, 0x06]]] },
  { kind: 'ole', signature: [[0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]] },
  // Windows PE, ELF, Mach-O (both byte orders, 32/64-bit, fat), WebAssembly, Flash, shebang scripts.
  { kind: 'executable', signature: [[0, 'MZ']] },
  { kind: 'executable', signature: [[0, [0x7f, 0x45, 0x4c, 0x46]]] },
  { kind: 'executable', signature: [[0, [0xfe, 0xed, 0xfa, 0xce]]] },
  { kind: 'executable', signature: [[0, [0xfe, 0xed, 0xfa, 0xcf]]] },
  { kind: 'executable', signature: [[0, [0xce, 0xfa, 0xed, 0xfe]]] },
  { kind: 'executable', signature: [[0, [0xcf, 0xfa, 0xed, 0xfe]]] },
  { kind: 'executable', signature: [[0, [0xca, 0xfe, 0xba, 0xbe]]] },
  { kind: 'executable', signature: [[0, [0x00, 0x61, 0x73, 0x6d]]] },
  { kind: 'executable', signature: [[0, 'FWS']] },
  { kind: 'executable', signature: [[0, 'CWS']] },
  { kind: 'executable', signature: [[0, '#!']] },
];

function matches(head: Buffer, signature: TSignature[]): boolean {
  return signature.every(([at, bytes]) => {
    const want = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    return head.length >= at + want.length && head.subarray(at, at + want.length).equals(want);
  });
}

// Markup a browser would render or run: refused in text whatever the name says.
const MARKUP = /<(script|svg|html|iframe|object|embed|body|head|meta)\b|<!doctype|<\?xml/i;

function isMarkup(head: Buffer): boolean {
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  return text.startsWith('<') || MARKUP.test(text);
}

const ZIP_FAMILY: TFileKind[] = ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];
const OLE_FAMILY: TFileKind[] = ['doc', 'xls', 'ppt'];
const ODF_KINDS: Record<string, TFileKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** Office Open XML and ODF are zips: tell them apart by the entries (null: unreadable, decide by extension). */
export function zipKind(head: Buffer, entries: string[] | null): TFileKind | null {
  const odf = odfMimetype(head);
  if (odf) return ODF_KINDS[odf] ?? 'zip';
  if (!entries) return null;
  if (entries.includes('[Content_Types].xml')) {
    if (entries.some((e) => e.startsWith('word/'))) return 'docx';
    if (entries.some((e) => e.startsWith('xl/'))) return 'xlsx';
    if (entries.some((e) => e.startsWith('ppt/'))) return 'pptx';
  }
  return 'zip';
}

function kindByExtension(family: TFileKind[], extension: string): TFileKind | null {
  return family.find((k) => (FILE_KINDS[k].extensions as readonly string[]).includes(extension)) ?? null;
}

/**
 * Decide what an upload is from its content, then hold the declared extension to it. `zipEntries`
 * is called only for zip content. An empty extension takes the kind's usual one.
 */
export async function classifyContent(
  sniffed: SniffedContent,
  declaredExtension: string,
  zipEntries: () => Promise<string[] | null>,
): Promise<TClassification> {
  const { head } = sniffed;
  const magic = MAGIC.find((m) => matches(head, m.signature));
  let kind: TFileKind | null = null;
  if (magic?.kind === 'executable') return { ok: false, refusal: 'forbidden', detail: 'executable or script' };
  if (FORBIDDEN_EXTENSIONS.has(declaredExtension)) return { ok: false, refusal: 'forbidden', detail: `.${declaredExtension} files` };
  if (magic?.kind === 'zip-family') {
    kind = zipKind(head, await zipEntries()) ?? kindByExtension(ZIP_FAMILY, declaredExtension);
    if (!kind) return { ok: false, refusal: 'mismatch', detail: `zip content named .${declaredExtension}` };
  } else if (magic?.kind === 'ole') {
    // Telling .doc/.xls/.ppt apart would need the compound file's directory: the extension decides within the family.
    kind = kindByExtension(OLE_FAMILY, declaredExtension);
    if (!kind) return { ok: false, refusal: 'mismatch', detail: `legacy Office content named .${declaredExtension}` };
  } else if (magic) {
    kind = magic.kind;
  } else if (sniffed.textEncoding) {
    if (isMarkup(head)) return { ok: false, refusal: 'forbidden', detail: 'HTML, SVG, XML or script content' };
    kind = 'text';
  } else {
    return { ok: false, refusal: 'unsupported', detail: 'unrecognised binary content' };
  }
  const allowed: readonly string[] = FILE_KINDS[kind].extensions;
  if (declaredExtension !== '' && !allowed.includes(declaredExtension)) {
    return { ok: false, refusal: 'mismatch', detail: `${kind} content named .${declaredExtension}` };
  }
  const mime = kind === 'text' ? `text/plain; charset=${sniffed.textEncoding}` : FILE_KINDS[kind].mime;
  return { ok: true, kind, mime, extension: declaredExtension || allowed[0] };
}

const SAFE_MIMES = new Set<string>(Object.values(FILE_KINDS).map((k) => k.mime));

/**
 * The Content-Type a stored file is served with: only a type of the allow list, text always as
 * text/plain with its charset, anything else as an opaque download.
 */
export function safeContentType(mime: string): string {
  const [type, ...params] = mime.split(';').map((s) => s.trim().toLowerCase());
  if (type === 'text/plain') {
    const charset = params.find((p) => p.startsWith('charset='))?.slice(8);
    return `text/plain; charset=${charset === 'gb18030' ? 'gb18030' : 'utf-8'}`;
  }
  return SAFE_MIMES.has(type) ? type : 'application/octet-stream';
}
