/** Now, as stored: ISO-8601 in UTC. The one place the app reads the wall clock for records. */
export function nowIso(): string {
  return new Date().toISOString();
}
