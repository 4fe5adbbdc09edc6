import type { TErrorBody, TIssue } from '@contract/errors';

/** Code given to failures that never reached the server (offline, DNS, refused). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * A failed API call, carrying the server's error body intact: the stable `code`
 * (see contract/errors.ts), the server's message, field issues and the request id.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: TIssue[];
  readonly requestId: string;
  /** Set when a rulebook guard refused the step: a technical manager may retry it with an override. */
  readonly rule: string | undefined;

  constructor(status: number, body: TErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.issues = body.issues ?? [];
    this.requestId = body.requestId;
    this.rule = body.rule;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** The error body if `data` has its shape; checked by hand so the login page needs no schema code. */
export function asErrorBody(data: unknown): TErrorBody | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (typeof d.code !== 'string' || typeof d.message !== 'string') return null;
  const issues = Array.isArray(d.issues)
    ? d.issues.filter(
        (i): i is TIssue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
      )
    : undefined;
  return {
    code: d.code,
    message: d.message,
    issues,
    requestId: typeof d.requestId === 'string' ? d.requestId : '',
    ...(typeof d.rule === 'string' && { rule: d.rule }),
  };
}

/** When the body is not ours (a proxy's HTML page, an empty 502): a code from the status. */
export function codeForStatus(status: number): string {
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 409) return 'VERSION_CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'UNAVAILABLE';
  return 'INTERNAL';
}
