import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyStatic from '@fastify/static';
import { SESSION_COOKIE } from './auth-hooks';
import { DOCUMENT_ONLY_HEADERS } from './security-headers';
import type { AppInstance } from './types';

/** Files under this prefix carry a content hash in their name (Vite's output): they never change. */
const HASHED_PREFIX = '/assets/';
const ONE_YEAR_MS = 31_536_000_000;
/** Unhashed files beside index.html (the manifest, icons, the service worker): revalidated on every use. */
const UNHASHED_MAX_AGE_MS = 0;

/**
 * index.html as sent: as it is, and compressed on the first request that accepts each encoding
 * (then kept: it carries the first screen's stylesheet, ≈ 14 KB, and brotli at its best takes
 * ≈ 16 ms a page, which start-up need not pay for pages no one asks for).
 */
interface TPage {
  plain: Buffer;
  br(): Buffer;
  gzip(): Buffer;
}

function pageOf(html: string): TPage {
  const plain = Buffer.from(html);
  let br: Buffer | undefined;
  let gzip: Buffer | undefined;
  return {
    plain,
    br: () => (br ??= zlib.brotliCompressSync(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })),
    gzip: () => (gzip ??= zlib.gzipSync(plain, { level: 9 })),
  };
}

/**
 * The screens the build lists the files of (web/vite.config.ts), by path: the sign-in page for a
 * visitor without a session, the engineer's two field pages for one with a session (without one,
 * they go to sign-in).
 */
const SCREENS = [
  { key: 'signIn', path: /^\/login\/?$/, session: false },
  { key: 'myWork', path: /^\/my-work\/?$/, session: true },
  { key: 'detail', path: /^\/service-requests\/\d+\/?$/, session: true },
] as const;

/**
 * index.html for each of those screens with the screen's files announced (`modulepreload`), so a phone
 * downloads them beside the entry rather than once the entry has run and asked for them; for a
 * build without the list (screen-preloads.json), none.
 */
function screenPages(webDir: string, html: string): Map<string, TPage> {
  const file = path.join(webDir, 'screen-preloads.json');
  const pages = new Map<string, TPage>();
  if (!fs.existsSync(file)) return pages;
  const files = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>;
  for (const { key } of SCREENS) {
    const links = (files[key] ?? []).map((f) => `<link rel="modulepreload" crossorigin href="${f}">`).join('');
    pages.set(key, pageOf(html.replace('</head>', `${links}</head>`)));
  }
  return pages;
}

/**
 * The built web UI (web/dist): hashed assets precompressed at build time (`.br`, `.gz` beside each
 * file, scripts/build.mjs) and chosen by `accept-encoding`, cached for a year as immutable;
 * `index.html` for every other non-API path, never cached, so a new build reaches the next visit;
 * for the sign-in page and the engineer's field pages with their files announced (screenPages).
 */
export async function registerWebApp(app: AppInstance, webDir: string): Promise<void> {
  // `serve: false`: no route per file (those would carry one cache policy for all); our route
  // below decides per file and sends it with the decorated `reply.sendFile`.
  await app.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true });
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const index = pageOf(indexHtml);
  const screens = screenPages(webDir, indexHtml);
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
    const signedIn = String(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    const screen = SCREENS.find((sc) => sc.session === signedIn && sc.path.test(url));
    const page = (screen && screens.get(screen.key)) ?? index;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding, cookie');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(page.br());
    if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(page.gzip());
    return reply.send(page.plain);
  });
}
