import { z } from 'zod';
import { singleLineText } from './text';

/** A signature image: a PNG or JPEG of at most 1 MB (DESIGN.md: signatures). */
export const SIGNATURE_IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const SIGNATURE_IMAGE_MAX_BYTES = 1024 * 1024;
/** A JSON body carrying a signature image as base64 is up to 4/3 its size: routes that take one set this body limit. */
export const SIGNATURE_BODY_LIMIT = 2 * 1024 * 1024;

export const SIGNER_ROLES = ['customer', 'engineer', 'receiver', 'manager', 'attendee'] as const;
export type TSignerRole = (typeof SIGNER_ROLES)[number];

/**
 * A signature drawn on a screen (signature pad, touch or mouse), sent with the step that signs:
 * the signer's name and the image as base64 (a `data:image/png;base64,` prefix is accepted).
 */
export const ZSignatureInput = z.strictObject({
  signerName: singleLineText().min(1).max(60),
  image: z
    .string()
    .min(20)
    .max(Math.ceil((SIGNATURE_IMAGE_MAX_BYTES * 4) / 3) + 64),
});
export type TSignatureInput = z.infer<typeof ZSignatureInput>;

/** A recorded signature as the API shows it; the image is fetched from `/api/signatures/:id/image`. */
export const ZSignature = z.object({
  id: z.number().int(),
  signerName: z.string(),
  signerRole: z.enum(SIGNER_ROLES),
  method: z.enum(['pad', 'scan']),
  signedAt: z.string(),
  contentHash: z.string(),
  entityVersion: z.number().int(),
});
export type TSignature = z.infer<typeof ZSignature>;
