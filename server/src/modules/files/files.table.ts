/** One row per distinct content kept by the file store. */
export interface StoredFileTable {
  /** sha256 of the content, hex: the store's key. */
  hash: string;
  size: number;
  /** Sniffed from the content at upload; the type the file is served with. */
  mime: string;
  created_at: string;
}
