import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closeFormPrinter } from '../../pdf/form-pdf';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';
import { companyHeader, printForm } from './company.service';
import { createFileStore } from '../files/file-store';

/** How many images a PDF holds (pdfimages -list: two header lines, then one per image). */
function imageCount(pdf: Buffer): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fuwu-img-')), 'f.pdf');
  fs.writeFileSync(file, pdf);
  const lines = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return lines.length - 2;
}

for (const engine of engines()) {
  describe(`company header of printed forms (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    const upload = (who: Client, name: string, content: Buffer) => {
      const { payload, headers } = multipartBody({}, { name, content });
      return who.request('PUT', '/api/company-profile/logo', payload, headers);
    };
    const print = async () => {
      const { db } = t.app.deps.database;
      return printForm(db, createFileStore(t.app.deps.config), {
        locale: 'zh-CN',
        title: '测试单',
        number: 'T-1',
        recordUrl: 'http://localhost/t/1',
        meta: [],
        sections: [],
      });
    };

    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
    });
    after(async () => {
      await t.close();
      await closeFormPrinter();
    });

    it('R-FORM-1 the administrator sets the company name; a stale version is refused; only an administrator may', async () => {
      const first = await admin.get('/api/company-profile');
      assert.deepEqual(first.body, { name: '', hasLogo: false, version: 0, updatedAt: null });
      const saved = await admin.patch('/api/company-profile', { version: 0, name: '北京服务科技有限公司' });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.version, 1);
      assert.equal((await admin.patch('/api/company-profile', { version: 0, name: '别的名字' })).status, 409);
      assert.equal((await admin.patch('/api/company-profile', { version: 1, name: '' })).status, 400);
      const eng = await t.userWith(['tech_manager']);
      assert.equal((await eng.client.get('/api/company-profile')).status, 403);
      assert.equal((await eng.client.patch('/api/company-profile', { version: 1, name: 'x' })).status, 403);
      const header = await companyHeader(t.app.deps.database.db, createFileStore(t.app.deps.config));
      assert.equal(header.name, '北京服务科技有限公司');
    });

    it('R-FORM-1 a PNG logo is kept, downloaded only as an attachment, and printed on every form; removing it takes it off', async () => {
      assert.equal(imageCount((await print()).pdf), 0);
      const r = await upload(admin, 'logo.png', SAMPLE_PNG);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.hasLogo, true);
      const dl = await admin.get('/api/company-profile/logo');
      assert.equal(dl.status, 200);
      assert.equal(dl.headers['content-type'], 'image/png');
      assert.match(String(dl.headers['content-disposition']), /^attachment; /);
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.ok(imageCount((await print()).pdf) > 0, 'the logo (and its alpha mask) printed');
      const removed = await admin.delete('/api/company-profile/logo');
      assert.equal(removed.status, 200, removed.text);
      assert.equal(removed.body.hasLogo, false);
      assert.equal((await admin.get('/api/company-profile/logo')).status, 404);
      assert.equal(imageCount((await print()).pdf), 0);
    });

    it('a logo that is not a PNG or JPEG, or larger than 1 MB, is refused naming the file, and the logo stays as it was', async () => {
      assert.equal((await upload(admin, 'logo.png', SAMPLE_PNG)).status, 200);
      const before = (await admin.get('/api/company-profile')).body;
      const pdf = await upload(admin, 'logo.pdf', await samplePdf('not a logo'));
      assert.equal(pdf.status, 400, pdf.text);
      assert.deepEqual(
        pdf.body.issues.map((i: { path: string }) => i.path),
        ['file'],
      );
      const big = await upload(admin, 'big.png', Buffer.concat([SAMPLE_PNG, Buffer.alloc(1024 * 1024)]));
      assert.equal(big.status, 400, big.text);
      assert.deepEqual(
        big.body.issues.map((i: { path: string }) => i.path),
        ['file'],
      );
      assert.deepEqual((await admin.get('/api/company-profile')).body, before);
    });
  });
}
