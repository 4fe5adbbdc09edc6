/**
 * The baseline: a bare Fastify 5 route, no plugins, no logging, returning the JSON body
 * given in BENCH_BODY (a real /api/me body captured from the app). Prints `{"port":N}`.
 */
import Fastify from 'fastify';

async function main() {
  const body: unknown = JSON.parse(process.env.BENCH_BODY ?? '{}');
  const app = Fastify({ logger: false });
  app.get('/api/me', async () => body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  console.log(JSON.stringify({ port: address.port }));
  process.once('SIGTERM', async () => {
    await app.close();
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
