import {
  CONTRACT_STATUS_LABELS,
  DEPARTMENT_LABELS,
  PHASE_LABELS,
  SERVICE_KIND_LABELS,
  stageDef,
  type TContractStatus,
  type TDepartment,
  type TPhase,
  type TServiceKind,
  type TStage,
} from '@contract/contracts';
import { DOCUMENT_TYPES, ORIGINAL_HOLDERS, type TDocumentType, type TOriginalHolder } from '@contract/documents';
import { type TWarrantyState, WARRANTY_STATE_LABELS } from '@contract/equipment';
import { useLocale } from '../app/locale-context';

/**
 * Labels of the contract's own vocabularies (service kinds, stages, statuses, document types…),
 * in the user's language: they are defined once in contract/, next to the values, not in the UI dictionary.
 */
export function useLabels() {
  const { pick } = useLocale();
  return {
    pick,
    serviceKind: (k: TServiceKind) => pick(SERVICE_KIND_LABELS[k]),
    serviceKindScope: (k: TServiceKind) => pick({ zh: SERVICE_KIND_LABELS[k].scopeZh, en: SERVICE_KIND_LABELS[k].scopeEn }),
    stage: (s: TStage) => pick(stageDef(s)),
    stageActivities: (s: TStage) => pick({ zh: stageDef(s).activitiesZh, en: stageDef(s).activitiesEn }),
    department: (d: TDepartment) => pick(DEPARTMENT_LABELS[d]),
    phase: (p: TPhase) => pick(PHASE_LABELS[p]),
    status: (s: TContractStatus) => pick(CONTRACT_STATUS_LABELS[s]),
    documentType: (t: TDocumentType) => pick(DOCUMENT_TYPES[t]),
    originalHolder: (h: TOriginalHolder) => pick(ORIGINAL_HOLDERS[h]),
    warranty: (w: TWarrantyState) => pick(WARRANTY_STATE_LABELS[w]),
    /** An industry, a node of the archive: Chinese name, English where there is one. */
    named: (zh: string, en: string | null | undefined) => pick({ zh, en: en || zh }),
  };
}

export const STATUS_COLORS: Record<TContractStatus, string> = {
  draft: 'default',
  active: 'green',
  expired: 'orange',
  terminated: 'red',
};

export const WARRANTY_COLORS: Record<TWarrantyState, string> = {
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  unknown: 'default',
};

export const SERVICE_KIND_COLORS: Record<TServiceKind, string> = {
  distribution_standard: 'blue',
  onsite_maintenance: 'volcano',
  routine_inspection: 'cyan',
  consulting: 'purple',
  outsourcing: 'geekblue',
  spare_parts: 'gold',
};
