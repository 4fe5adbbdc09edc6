import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { createFileStore } from '../modules/files/file-store';
import { BATCH, type DeliveryDeps, deliverDue, mailFrom, smtpMailer } from '../modules/notifications/delivery.sender';

/**
 * The delivery worker of this process: drains the outbox, then looks again every `everyMs`.
 * Safe in every instance at once (claims never overlap). `stop` waits for the round in progress.
 */
export function startDelivery(
  db: Db,
  log: FastifyBaseLogger,
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'FUWU_PUBLIC_URL' | 'dataDir'>,
  everyMs = 2_000,
) {
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, mailFrom(config)) : null;
  const deps: DeliveryDeps = {
    mailer,
    publicUrl: config.FUWU_PUBLIC_URL,
    host: new URL(config.FUWU_PUBLIC_URL).hostname,
    store: createFileStore(config),
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      for (;;) {
        const r = await deliverDue(db, deps);
        if (r.failed > 0) log.warn({ sent: r.sent, failed: r.failed }, 'notification delivery failures');
        if (stopped || r.claimed < BATCH) break;
      }
    } catch (err) {
      log.error({ err }, 'notification delivery failed');
    }
    if (!stopped) timer = setTimeout(() => (running = round()), everyMs);
  };
  running = round();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      mailer?.close();
    },
  };
}
