/** Tests only: reading what the local SMTP server received, and a contract with routine inspections. */
import type { z } from 'zod';
import type { ZCreateContract } from '@contract/contracts';
import type { Db } from '../../db/database';
import { makeContract } from '../contracts/contracts.fixtures';

export interface TMailPart {
  headers: string;
  contentType: string;
  fileName: string | null;
  content: Buffer;
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

/** The leaf parts of a MIME message (as nodemailer writes them), decoded. */
export function mailParts(raw: string): TMailPart[] {
  const split = (text: string): TMailPart[] => {
    const headerEnd = text.search(/\r?\n\r?\n/);
    const headers = text.slice(0, headerEnd).replace(/\r?\n[ \t]+/g, ' ');
    const body = text.slice(headerEnd).replace(/^\r?\n\r?\n/, '');
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (/content-type:\s*multipart\//i.test(headers) && boundary) {
      return body
        .split(`--${boundary}`)
        .slice(1)
        .filter((p) => !p.startsWith('--'))
        .flatMap((p) => split(p.replace(/^\r?\n/, '')));
    }
    const contentType = /content-type:\s*([^;\r\n]+)/i.exec(headers)?.[1].trim() ?? 'text/plain';
    const fileName = /filename\*?=(?:utf-8'')?"?([^";\r\n]+)"?/i.exec(headers)?.[1] ?? null;
    const encoding = /content-transfer-encoding:\s*([^\s;]+)/i.exec(headers)?.[1].toLowerCase();
    const trimmed = body.replace(/\r?\n$/, '');
    const content =
      encoding === 'base64'
        ? Buffer.from(trimmed.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(trimmed)
          : Buffer.from(trimmed, 'utf8');
    return [{ headers, contentType, fileName: fileName ? decodeURIComponent(fileName) : null, content }];
  };
  return split(raw);
}

/** A contract of 2026 with `pmVisitsPerYear` routine inspections. */
export function makePmContract(db: Db, pmVisitsPerYear = 4, over: Partial<z.input<typeof ZCreateContract>> = {}) {
  return makeContract(db, {
    status: 'active',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    commitments: { coverage: { kind: '5x8' }, pmVisitsPerYear, responseHours: 4, arrivalHours: 8, resolutionHours: 24 },
    ...over,
  });
}
