import { z } from 'zod';
import { ZTimestamp } from './common';

/** The company as every printed form shows it (R-FORM-1), set by the administrator. */
export const ZCompanyProfile = z.object({
  name: z.string(),
  hasLogo: z.boolean(),
  /** 0 until first saved; an edit sends it back. */
  version: z.number().int(),
  updatedAt: ZTimestamp.nullable(),
});
export type TCompanyProfile = z.infer<typeof ZCompanyProfile>;

export const ZUpdateCompanyProfile = z.strictObject({
  version: z.number().int().min(0),
  name: z.string().trim().min(1).max(100),
});
export type TUpdateCompanyProfile = z.infer<typeof ZUpdateCompanyProfile>;

/** The logo: a PNG or JPEG of at most 1 MB (it is printed on every form). */
export const COMPANY_LOGO_MAX_BYTES = 1024 * 1024;
export const COMPANY_LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

/** `?lang=en` prints a form in English; zh-CN otherwise. */
export const ZFormPdfQuery = z.strictObject({ lang: z.enum(['zh-CN', 'en']).optional() });
