import type { Generated } from 'kysely';

/** A signature on a form, frozen with the content hash of what was signed; never updated. */
export interface SignatureTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  entity_version: number;
  signer_name: string;
  signer_role: string;
  /** `pad`: drawn on a screen; `scan`: a signed (and stamped) paper copy uploaded. */
  method: string;
  file_hash: string;
  mime: string;
  size: number;
  /** SHA-256 (hex) of the signed content, so anyone can re-verify it. */
  content_hash: string;
  signed_at: string;
  captured_by_id: number | null;
}
