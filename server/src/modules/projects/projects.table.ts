import type { Generated } from 'kysely';
import type { TProjectStatus } from '@contract/projects';

export interface ProjectTable {
  id: Generated<number>;
  code: string;
  name: string;
  customer_id: number | null;
  project_manager_id: number | null;
  proposed_by_id: number | null;
  status: TProjectStatus;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectContractTable {
  project_id: number;
  contract_id: number;
}

/** R-ORG-4: a participant's agreement to the project's plan. */
export interface ProjectAgreementTable {
  project_id: number;
  user_id: number;
  agreed_at: string;
  note: string | null;
}

export interface ProjectMemberTable {
  project_id: number;
  user_id: number;
}
