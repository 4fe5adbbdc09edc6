/** SNs pasted as a list: one per line (or separated by commas, semicolons, tabs), blanks dropped, repeats once. */
export function parseSnList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n\r,;，；\t]+/)) {
    const sn = raw.trim();
    if (!sn || seen.has(sn.toUpperCase())) continue;
    seen.add(sn.toUpperCase());
    out.push(sn);
  }
  return out;
}
