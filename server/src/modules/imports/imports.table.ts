/** A refused import's error report: the workbook is in the file store, under `file_hash`. */
export interface ImportReportTable {
  /** Random UUID: the id the report is downloaded by. */
  id: string;
  kind: string;
  file_hash: string;
  /** The name the report is downloaded as. */
  file_name: string;
  error_count: number;
  /** Only this user (or an administrator) may download it. */
  created_by_id: number | null;
  created_at: string;
}
