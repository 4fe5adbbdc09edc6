import type { z } from 'zod';
import type { TLocale, ZPage } from '@contract/common';
import { ApiError, asErrorBody, codeForStatus, NETWORK_ERROR } from './api-error';

/** `{ items, total, page, pageSize }` of the given item schema, as every list endpoint answers. */
export type TPageOf<S extends z.ZodType> = z.infer<ReturnType<typeof ZPage<S>>>;

type TQueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Appended as a query string; empty, null and undefined values are left out. */
  query?: Record<string, TQueryValue>;
  /**
   * Set on calls where 401 is an expected answer (sign-in, the session probe),
   * so it does not count as "the session ended".
   */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

// The CSRF token lives in memory only: it comes from sign-in or the session probe (GET /api/session).
let csrfToken: string | null = null;
// The language the page shows: the server words its errors in it before sign-in (after, the user's setting).
let uiLocale: TLocale | null = null;
let onSessionLost: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLocale(locale: TLocale): void {
  uiLocale = locale;
}

/** Called when a request answers 401: the session expired or was revoked elsewhere. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

export function toQueryString(query: Record<string, TQueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * One call to the Fuwu API. Resolves with the parsed JSON; rejects with an
 * `ApiError` carrying the server's error body (or a synthetic one for network
 * failures and foreign error pages).
 */
export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // No content type without a body: Fastify refuses an empty JSON body.
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (uiLocale) headers['accept-language'] = uiLocale;

  let res: Response;
  try {
    res = await fetch(path + toQueryString(req.query), {
      method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      credentials: 'same-origin',
      signal: req.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: NETWORK_ERROR, message: String(err), requestId: '' });
  }

  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }

  if (!res.ok) {
    const body = asErrorBody(data) ?? {
      code: codeForStatus(res.status),
      message: res.statusText || `HTTP ${res.status}`,
      requestId: res.headers.get('x-request-id') ?? '',
    };
    if (res.status === 401 && !req.expectUnauthenticated) onSessionLost();
    throw new ApiError(res.status, body);
  }
  return data as T;
}
