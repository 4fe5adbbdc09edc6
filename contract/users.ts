import { z } from 'zod';
import { singleLineText } from './text';
import { ZLocale, ZPageQuery, ZTimestamp } from './common';
import { ZRole } from './roles';
import { PERMISSIONS } from './permissions';

const ZEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Passwords: at least 10 characters; no other composition rule (NIST 800-63B). */
export const ZPassword = z.string().min(10).max(200);

export const ZUser = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(ZRole),
  locale: ZLocale,
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;

const userFields = {
  email: ZEmail,
  name: singleLineText().min(1).max(100),
  phone: singleLineText().max(40).nullable().optional(),
  department: singleLineText().max(100).nullable().optional(),
  roles: z.array(ZRole).min(1).max(7),
};

export const ZCreateUser = z.strictObject({ ...userFields, password: ZPassword, active: z.boolean().default(true) });
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z.strictObject({
  version: z.number().int(),
  email: userFields.email.optional(),
  name: userFields.name.optional(),
  phone: userFields.phone,
  department: userFields.department,
  roles: userFields.roles.optional(),
  active: z.boolean().optional(),
});
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZResetPassword = z.strictObject({ password: ZPassword });

export const ZUserQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: ZRole.optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', '-name', 'email', '-email', 'createdAt', '-createdAt']).default('name'),
}).strict();

export const ZLogin = z.strictObject({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(200) });

export const ZMe = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  roles: z.array(ZRole),
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS])),
  locale: ZLocale,
  /** The company's IANA time zone (server setting FUWU_TIMEZONE): the web shows every time in it. */
  timeZone: z.string(),
  /**
   * The zone's UTC offsets from about 400 days before the answer to 400 days after: the offset at the
   * window's start (`from` = the start), then one entry per change (daylight saving) in it; one
   * entry for a zone without changes (Asia/Shanghai). With it the web reads wall clocks with Date's
   * UTC getters instead of making an Intl.DateTimeFormat, whose first use costs ~90 ms on a phone.
   */
  timeZoneOffsets: z.array(z.object({ from: ZTimestamp, offsetMinutes: z.number().int() })),
  /** The end (exclusive) of the window `timeZoneOffsets` covers; later instants go through Intl. */
  timeZoneOffsetsUntil: ZTimestamp,
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

/** The page's session probe: who is signed in, or null (never a 401, so a visit to sign-in logs no error). */
export const ZSessionProbe = z.object({ me: ZMe.nullable() });

export const ZLoginResult = z.object({ user: ZMe, csrfToken: z.string() });

export const ZChangePassword = z.strictObject({ currentPassword: z.string().max(200), newPassword: ZPassword });
export const ZUpdatePreferences = z.strictObject({ locale: ZLocale });

/** A colleague to pick in a form (sales owner, engineer…): no contact details. */
export const ZUserOption = z.object({ id: z.number().int(), name: z.string(), roles: z.array(ZRole) });
export type TUserOption = z.infer<typeof ZUserOption>;
export const ZUserOptionsQuery = z.strictObject({ role: ZRole.optional() });
export const ZUserOptions = z.object({ items: z.array(ZUserOption) });
