/** One row (id 1): the company header of printed forms. */
export interface CompanyProfileTable {
  id: number;
  name: string;
  logo_hash: string | null;
  logo_mime: string | null;
  version: number;
  updated_by_id: number | null;
  updated_at: string;
}
