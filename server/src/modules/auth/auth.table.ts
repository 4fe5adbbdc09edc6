export interface SessionTable {
  /** sha256 of the cookie's token: a leaked table cannot be replayed as cookies. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  email: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}
