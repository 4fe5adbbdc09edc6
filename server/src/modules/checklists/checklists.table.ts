import type { Generated } from 'kysely';

export interface ChecklistTemplateTable {
  id: Generated<number>;
  code: string;
  service_kind: string;
  name_zh: string;
  name_en: string;
  active: number;
  current_version: number;
  created_at: string;
  updated_at: string;
}

/** Never updated: a filled checklist refers to the version it was filled with. */
export interface ChecklistTemplateVersionTable {
  id: Generated<number>;
  template_id: number;
  version_no: number;
  name_zh: string;
  name_en: string;
  /** JSON: the items (contract/checklists.ts ZChecklistItem[]). */
  items: string;
  created_by_id: number | null;
  created_at: string;
}
