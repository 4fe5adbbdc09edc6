import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyStatic from '@fastify/static';
import { DOCUMENT_ONLY_HEADERS } from './security-headers';
import type { AppInstance } from './types';

/** Files under this prefix carry a content hash in their name (Vite's output): they never change. */
const HASHED_PREFIX = '/assets/';
const ONE_YEAR_MS = 31_536_000_000;
/** Unhashed files beside index.html (the manifest, icons, the service worker): revalidated on every use. */
const UNHASHED_MAX_AGE_MS = 0;

/**
 * The built web UI (web/dist): hashed assets precompressed at build time (`.br`, `.gz` beside each
 * file, scripts/build.mjs) and chosen by `accept-encoding`, cached for a year as immutable;
 * `index.html` for every other non-API path, never cached, so a new build reaches the next visit.
 */
export async function registerWebApp(app: AppInstance, webDir: string): Promise<void> {
  // `serve: false`: no route per file (those would carry one cache policy for all); our route
  // below decides per file and sends it with the decorated `reply.sendFile`.
  await app.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true });
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'));
  // index.html carries the first screen's stylesheet (≈ 14 KB): compressed once here, not per visit.
  const indexBr = zlib.brotliCompressSync(indexHtml, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  const indexGzip = zlib.gzipSync(indexHtml, { level: 9 });
  const compressed = /\.(br|gz)$/;
  const files = new Set(
    fs
      .readdirSync(webDir, { recursive: true })
      .map((f) => `/${String(f).replaceAll(path.sep, '/')}`)
      .filter((f) => !compressed.test(f) && f !== '/index.html'),
  );
  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/')) return reply.callNotFound();
    if (files.has(url)) {
      const hashed = url.startsWith(HASHED_PREFIX);
      if (hashed) for (const name of DOCUMENT_ONLY_HEADERS) reply.removeHeader(name);
      return reply.sendFile(url.slice(1), { maxAge: hashed ? ONE_YEAR_MS : UNHASHED_MAX_AGE_MS, immutable: hashed });
    }
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(indexBr);
    if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(indexGzip);
    return reply.send(indexHtml);
  });
}
