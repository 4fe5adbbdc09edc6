import type { Generated } from 'kysely';
import type { TNotificationKind } from '@contract/notifications';

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: TNotificationKind;
  title_zh: string;
  title_en: string;
  body: string | null;
  entity: string | null;
  entity_id: number | null;
  /** Unique per user: the same cause never notifies the same person twice. */
  dedupe_key: string;
  read_at: string | null;
  created_at: string;
}
