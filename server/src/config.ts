import path from 'node:path';
import { z } from 'zod';

const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every configuration variable, with its default. Documented in README.md. */
const ZConfig = z.object({
  /** Port to listen on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to bind. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder of the embedded SQLite database and of stored files. */
  FUWU_DATA_DIR: z.string().min(1).default('./data'),
  /** Unset: SQLite in the data folder. `postgres://…`: PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave unset for the embedded SQLite database)')
    .optional(),
  /** The first administrator, created on first start if no user exists. */
  FUWU_ADMIN_EMAIL: z.email().default('admin@fuwu.local'),
  /** Unset: a password is generated and printed once. */
  FUWU_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** The company's time zone: working calendar, SLA clocks, reports. */
  FUWU_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  /** The address users reach Fuwu at (links in e-mails). */
  FUWU_PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** Session lifetime in hours (sliding). */
  FUWU_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Set when served over HTTPS so the session cookie is marked Secure. */
  FUWU_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Behind a reverse proxy: trust X-Forwarded-For for client addresses. */
  FUWU_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Sign-in attempts allowed per client address and minute (on top of the per-e-mail lockout). */
  FUWU_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Largest upload in megabytes. */
  FUWU_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Hours a refused import's downloadable error report is kept; the periodic sweep deletes older ones. */
  FUWU_IMPORT_REPORT_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  /** SMTP server for notification e-mails (smtp://user:pass@host:port). Unset: no e-mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The From of notification e-mails. Unset: noreply at FUWU_PUBLIC_URL's host. */
  SMTP_FROM: z.string().min(3).optional(),
  LOG_LEVEL: ZLogLevel.default('info'),
  /** Tests only: PostgreSQL server on which test databases are created. */
  TEST_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
});

export type Config = Readonly<z.infer<typeof ZConfig> & { dataDir: string }>;

/** Parse an environment once; a bad value names the variable and what is allowed. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZConfig.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze({ ...result.data, dataDir: path.resolve(result.data.FUWU_DATA_DIR) });
}

export class ConfigError extends Error {}

/** The only read of process.env in the application. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}

/** Test-only environment knobs, read here so no other file touches process.env. */
export function testEnv() {
  return { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || undefined, CI: process.env.CI === 'true' };
}
