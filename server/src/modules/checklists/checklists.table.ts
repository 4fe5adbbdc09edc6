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

/** A photo taken for a checklist's photo item; the item's answer holds its id. Never updated. */
export interface ChecklistPhotoTable {
  id: Generated<number>;
  /** visit (its arrival checklist) | service_report */
  owner_entity: string;
  owner_id: number;
  item_key: string;
  file_hash: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_by_id: number | null;
  uploaded_at: string;
}
