import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { type App, buildApp } from '../app';
import { parseConfig } from '../config';
import type { DbHandle } from '../db/database';
import { createTestDatabase } from '../testing/test-db';

/** A web build as scripts/build.mjs leaves it: a hashed script with its .br and .gz copies. */
function makeWebDir(): { dir: string; script: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><title>Fuwu</title></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Fuwu"}');
  fs.writeFileSync(
    path.join(dir, 'screen-preloads.json'),
    JSON.stringify({
      signIn: ['/assets/login-page-4.js'],
      myWork: ['/assets/frame-1.js', '/assets/my-work-2.js'],
      detail: ['/assets/frame-1.js', '/assets/sr-detail-3.js'],
    }),
  );
  const script = `console.log(${JSON.stringify('服务'.repeat(2000))});`;
  const file = path.join(dir, 'assets', 'index-AbC123.js');
  fs.writeFileSync(file, script);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(script));
  return { dir, script };
}

describe('web UI delivery', () => {
  let app: App;
  let database: DbHandle;
  let web: { dir: string; script: string };
  before(async () => {
    web = makeWebDir();
    database = await createTestDatabase('sqlite');
    app = await buildApp({
      config: parseConfig({ FUWU_DATA_DIR: web.dir, LOG_LEVEL: 'silent' }),
      database,
      webDir: web.dir,
      logger: false,
    });
  });
  after(async () => {
    await app.close();
    await database.close();
    fs.rmSync(web.dir, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('a hashed asset is sent brotli- or gzip-compressed as asked, cached for a year as immutable', async () => {
    for (const [asked, sent, decode] of [
      ['br, gzip', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const r = await get('/assets/index-AbC123.js', asked);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-encoding'], sent);
      assert.match(String(r.headers['content-type']), /javascript/);
      assert.match(String(r.headers.vary), /accept-encoding/i);
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(decode(r.rawPayload).toString(), web.script);
      assert.ok(r.rawPayload.length < web.script.length / 10, `${sent}: ${r.rawPayload.length} bytes`);
    }
    const asset = await get('/assets/index-AbC123.js', 'br, gzip');
    assert.equal(asset.headers['x-content-type-options'], 'nosniff');
    assert.equal(asset.headers['cross-origin-resource-policy'], 'same-origin');
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy'])
      assert.equal(asset.headers[name], undefined, `${name}: the document's, not a script's`);
    const plain = await get('/assets/index-AbC123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, web.script);
  });

  it('index.html, for the root and for every app path, is never cached, and is sent compressed as asked', async () => {
    for (const url of ['/', '/index.html', '/service-requests/42']) {
      const r = await get(url, 'br, gzip');
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(r.headers['x-frame-options'], 'DENY', url);
      assert.equal(r.headers['content-encoding'], 'br', url);
      assert.match(String(r.headers.vary), /accept-encoding/i, url);
      assert.match(zlib.brotliDecompressSync(r.rawPayload).toString(), /<div id="root">/);
    }
    const gzip = await get('/my-work', 'gzip');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(gzip.rawPayload).toString(), /<div id="root">/);
    const plain = await get('/my-work');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.body, /<div id="root">/);
  });

  it("a field page asked for with a session, and the sign-in page without one, announce their files; other pages none", async () => {
    const page = async (url: string, cookie?: string) => {
      const r = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      assert.equal(r.statusCode, 200, url);
      assert.match(String(r.headers.vary), /cookie/i, url);
      return [...r.body.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
    };
    const session = 'fuwu_lang=zh; fuwu_session=abc';
    assert.deepEqual(await page('/my-work', session), ['/assets/frame-1.js', '/assets/my-work-2.js']);
    assert.deepEqual(await page('/service-requests/42', session), ['/assets/frame-1.js', '/assets/sr-detail-3.js']);
    assert.deepEqual(await page('/service-requests', session), []);
    assert.deepEqual(await page('/service-requests/42/edit', session), []);
    assert.deepEqual(await page('/my-work'), [], 'no session: the page goes to sign-in');
    assert.deepEqual(await page('/login'), ['/assets/login-page-4.js'], 'the sign-in page, for a visitor without a session');
    assert.deepEqual(await page('/login', session), [], 'a visitor with a session is sent on from sign-in');
    const br = await get('/my-work', 'br, gzip');
    assert.equal(br.headers['content-encoding'], 'br');
  });

  it('an unhashed file (the manifest) is revalidated on each use, and the compressed copies are not files of their own', async () => {
    const manifest = await get('/manifest.webmanifest');
    assert.equal(manifest.headers['cache-control'], 'public, max-age=0');
    assert.equal(manifest.body, '{"name":"Fuwu"}');
    const copy = await get('/assets/index-AbC123.js.br');
    assert.match(copy.body, /<div id="root">/, 'the .br copy is not served by its own name');
    assert.match(String(copy.headers['content-security-policy']), /default-src 'self'/, 'a document under /assets/ keeps its headers');
  });

  it('API answers of 1 KB and more are compressed, smaller ones are not', async () => {
    const big = await get('/api/openapi.json', 'br, gzip');
    assert.equal(big.headers['content-encoding'], 'br');
    assert.match(String(big.headers.vary), /accept-encoding/i);
    assert.match(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString()).openapi, /^3\./);
    const small = await get('/healthz', 'br, gzip');
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(small.json(), { status: 'ok' });
  });
});
