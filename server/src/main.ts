import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { startDelivery } from './jobs/delivery';
import { startSweeps } from './jobs/sweeps';
import { warmFormPrinter } from './pdf/form-pdf';
import { projectPath } from './project-path';
import { describeFirstAdmin, prepareDatabase } from './startup';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 30_000;

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const database = openDatabase(config);
  const admin = await prepareDatabase(database.db, { email: config.FUWU_ADMIN_EMAIL, password: config.FUWU_ADMIN_PASSWORD });
  if (admin) console.log(describeFirstAdmin(admin));
  const app = await buildApp({ config, database, webDir: projectPath('web/dist') });
  const sweeps = startSweeps(app.deps.database.db, app.log, config);
  const delivery = startDelivery(app.deps.database.db, app.log, config);
  await app.listen({ port: config.PORT, host: config.HOST });
  // One line whatever LOG_LEVEL is: where to point a browser or a proxy (PORT=0 lets the kernel pick).
  const { address, port } = app.server.address() as AddressInfo;
  console.log(`Fuwu is listening on http://${address}:${port}`);
  warmFormPrinter();

  // Graceful stop: no new connections, in-flight requests finish, then the database closes.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // A stop that hangs (a peer that never answers) must not keep the process up for ever.
    setTimeout(() => {
      console.error(`shutdown not done ${SHUTDOWN_LIMIT_MS / 1000} s after ${signal}; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    sweeps.stop();
    await delivery.stop();
    // The app closes idle connections as they go idle (app.ts); whatever is still open after
    // the grace period is cut.
    const force = setTimeout(() => app.server.closeAllConnections(), 10_000);
    await app.close();
    clearTimeout(force);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
