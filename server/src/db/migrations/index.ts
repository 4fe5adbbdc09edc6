import type { Migration } from 'kysely';
import * as m0800 from './2026_11_27_0800_create_user';
import * as m0801 from './2026_11_27_0801_create_session';
import * as m0802 from './2026_11_27_0802_create_audit_event';
import * as m0803 from './2026_11_27_0803_create_number_sequence';
import * as m0804 from './2026_11_27_0804_create_login_throttle';

/** Every migration, by name. Listed statically so the bundled server carries them. */
export const migrations: Record<string, Migration> = {
  '2026_11_27_0800_create_user': m0800,
  '2026_11_27_0801_create_session': m0801,
  '2026_11_27_0802_create_audit_event': m0802,
  '2026_11_27_0803_create_number_sequence': m0803,
  '2026_11_27_0804_create_login_throttle': m0804,
};
