/** Longest file name kept, in characters (extension included). */
export const MAX_FILE_NAME_LENGTH = 120;

/** C0/C1 controls, and bidi/zero-width marks that can disguise an extension (`invoice\u202Efdp.exe`). */
function isInvisible(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}
// Reserved on Windows or in headers and shells.
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to store and to send back: the last path segment only (`../../etc/passwd`
 * → `passwd`, `C:\x\y.pdf` → `y.pdf`), without control or reserved characters or leading dots,
 * Chinese kept, at most MAX_FILE_NAME_LENGTH characters with the extension preserved.
 * Nothing left → `file`.
 */
export function sanitizeFileName(raw: string): string {
  const segment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = [...segment]
    .filter((ch) => !isInvisible(ch))
    .join('')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  name = truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
  return name === '' ? 'file' : name;
}

/** The lower-case extension without its dot; '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The name with `ext` appended when it has no extension of its own. */
export function withExtension(name: string, ext: string): string {
  return extensionOf(name) === '' ? truncateKeepingExtension(`${name}.${ext}`, MAX_FILE_NAME_LENGTH) : name;
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const tail = ext && ext.length <= 10 ? `.${ext}` : '';
  return (
    chars
      .slice(0, max - tail.length)
      .join('')
      .trimEnd() + tail
  );
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (RFC 6266 / 8187): old clients
 * read the ASCII fallback, every current browser the UTF-8 name.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
