import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { type MultipartFile, multipartBody, SAMPLE_PNG, sampleDocx, samplePdf, sampleXlsx } from '../files/files.fixtures';
import { makeContract, makeCustomer } from './documents.fixtures';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(client: Client, url: string, fields: Record<string, string>, ...files: MultipartFile[]) {
  const { payload, headers } = multipartBody(fields, ...files);
  return client.request('POST', url, payload, headers);
}

/** Every file the store holds, and what is left in its staging folder. */
function storeContents(dataDir: string): { files: string[]; staging: string[] } {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : []);
  return {
    files: list(path.join(dataDir, 'files')).filter((f) => /[0-9a-f]{64}$/.test(f)),
    staging: list(path.join(dataDir, 'tmp', 'uploads')),
  };
}

for (const engine of engines()) {
  describe(`documents and archive (${engine})`, () => {
    let t: TestApp;
    let sales: Client;
    let engineer: Client;
    let tech: Client;
    before(async () => {
      t = await startTestApp(engine);
      sales = (await t.userWith(['sales'])).client;
      engineer = (await t.userWith(['engineer'])).client;
      tech = (await t.userWith(['tech_manager'])).client;
    });
    after(() => t.close());

    const db = () => t.app.deps.database.db;

    async function download(client: Client, url: string) {
      const res = await t.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} });
      return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
    }

    async function rowCounts() {
      const count = async (table: 'document' | 'document_version' | 'stored_file' | 'audit_event') =>
        Number(
          (
            await db()
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        document: await count('document'),
        version: await count('document_version'),
        stored: await count('stored_file'),
        audit: await count('audit_event'),
      };
    }

    it('R-FLOW-2 files a PDF to a contract: typed, versioned, stored by content hash, downloaded only as an attachment', async () => {
      const customer = await makeCustomer(db(), { name: '华夏银行上海分行' });
      const contract = await makeContract(db(), { customerId: customer.id });
      const pdf = await samplePdf('Acceptance of the storage upgrade');
      const r = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'installation_report', title: '存储扩容安装报告', notes: '机房 3 层' },
        { name: '安装报告 2026.pdf', content: pdf, type: 'text/html' },
      );
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.type, 'installation_report');
      assert.equal(r.body.contractId, contract.id);
      assert.equal(r.body.contractNumber, contract.number);
      assert.equal(r.body.customerId, customer.id);
      assert.equal(r.body.customerName, '华夏银行上海分行');
      assert.equal(r.body.versionCount, 1);
      assert.deepEqual(
        { ...r.body.latestVersion, uploadedAt: '', uploadedById: 0 },
        {
          number: 1,
          fileName: '安装报告 2026.pdf',
          size: pdf.length,
          mimeType: 'application/pdf',
          sha256: sha256(pdf),
          note: null,
          uploadedAt: '',
          uploadedById: 0,
          uploadedByName: r.body.latestVersion.uploadedByName,
        },
      );
      const hash = sha256(pdf);
      assert.deepEqual(fs.readFileSync(path.join(t.dataDir, 'files', hash.slice(0, 2), hash.slice(2, 4), hash)), pdf);

      const d = await download(engineer, `/api/documents/${r.body.id}/download`);
      assert.equal(d.status, 200);
      assert.deepEqual(d.body, pdf);
      assert.equal(d.headers['content-type'], 'application/pdf');
      assert.equal(
        d.headers['content-disposition'],
        `attachment; filename="____ 2026.pdf"; filename*=UTF-8''${encodeURIComponent('安装报告 2026.pdf')}`,
      );
      assert.equal(d.headers['x-content-type-options'], 'nosniff');
      assert.equal(d.headers['content-security-policy'], "default-src 'none'; sandbox");

      const audit = await t.admin().then((a) => a.get(`/api/audit?entity=document&entityId=${r.body.id}`));
      assert.deepEqual(
        audit.body.items.map((e: { action: string }) => e.action),
        ['create'],
      );
    });

    it('R-FLOW-2 accepts PNG, xlsx, docx and text by their content, and serves text as text/plain only', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const cases: [MultipartFile, string][] = [
        [{ name: '机柜照片.png', content: SAMPLE_PNG }, 'image/png'],
        [{ name: '设备清单.xlsx', content: await sampleXlsx() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        [{ name: '方案.docx', content: sampleDocx() }, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        [{ name: '巡检记录.txt', content: Buffer.from('硬盘 2 号槽位告警，已更换\n'), type: 'text/html' }, 'text/plain; charset=utf-8'],
      ];
      for (const [file, mime] of cases) {
        const r = await upload(tech, '/api/documents', { contractId: String(contract.id), type: 'other', title: file.name }, file);
        assert.equal(r.status, 201, `${file.name}: ${r.text}`);
        assert.equal(r.body.latestVersion.mimeType, mime);
        const d = await download(tech, `/api/documents/${r.body.id}/download`);
        assert.equal(d.headers['content-type'], mime, file.name);
        assert.deepEqual(d.body, file.content);
        assert.doesNotMatch(String(d.headers['content-type']), /html|svg|^(text|application)\/xml/);
        assert.match(String(d.headers['content-disposition']), /^attachment;/);
      }
    });

    it('R-FLOW-2 refuses HTML renamed .pdf, SVG, a mismatched extension and executables; nothing is stored or written', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const fields = { contractId: String(contract.id), type: 'other', title: '危险文件' };
      const before = { rows: await rowCounts(), store: storeContents(t.dataDir) };
      const refusals: [MultipartFile, string][] = [
        [
          {
            name: 'contract.pdf',
            content: Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>'),
            type: 'application/pdf',
          },
          'UPLOAD_TYPE_FORBIDDEN',
        ],
        [
          { name: 'logo.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), type: 'image/svg+xml' },
          'UPLOAD_TYPE_FORBIDDEN',
        ],
        [
          { name: 'logo.png', content: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') },
          'UPLOAD_TYPE_FORBIDDEN',
        ],
        [{ name: 'setup.pdf', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) }, 'UPLOAD_TYPE_FORBIDDEN'],
        [{ name: 'photo.pdf', content: SAMPLE_PNG }, 'UPLOAD_TYPE_MISMATCH'],
        [{ name: 'blob.bin', content: Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe]) }, 'UPLOAD_TYPE_UNSUPPORTED'],
        [{ name: 'empty.txt', content: Buffer.alloc(0) }, 'UPLOAD_EMPTY'],
      ];
      for (const [file, code] of refusals) {
        const r = await upload(tech, '/api/documents', fields, file);
        assert.equal(r.status, 400, `${file.name}: ${r.text}`);
        assert.equal(r.body.code, code, file.name);
      }
      assert.deepEqual({ rows: await rowCounts(), store: storeContents(t.dataDir) }, before);
    });

    it('R-FLOW-2 refuses bad requests before anything is kept: unknown field, no file, two files, not multipart, unknown contract', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const otherCustomer = await makeCustomer(db());
      const pdf = { name: 'a.pdf', content: await samplePdf() };
      const before = { rows: await rowCounts(), store: storeContents(t.dataDir) };
      const unknown = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'other', title: 'x', price: '100' },
        pdf,
      );
      assert.equal(unknown.status, 400);
      assert.deepEqual(
        unknown.body.issues.map((i: { path: string }) => i.path),
        ['price'],
      );
      const noOwner = await upload(tech, '/api/documents', { type: 'other', title: 'x' }, pdf);
      assert.equal(noOwner.body.issues[0].path, 'contractId');
      const badType = await upload(tech, '/api/documents', { contractId: String(contract.id), type: 'invoice', title: 'x' }, pdf);
      assert.equal(badType.body.issues[0].path, 'type');
      const noFile = await upload(tech, '/api/documents', { contractId: String(contract.id), type: 'other', title: 'x' });
      assert.equal(noFile.body.code, 'UPLOAD_FILE_MISSING');
      const two = await upload(tech, '/api/documents', { contractId: String(contract.id), type: 'other', title: 'x' }, pdf, pdf);
      assert.equal(two.body.code, 'UPLOAD_ONE_FILE');
      const json = await tech.post('/api/documents', { contractId: contract.id, type: 'other', title: 'x' });
      assert.equal(json.body.code, 'UPLOAD_NOT_MULTIPART');
      const missing = await upload(tech, '/api/documents', { contractId: '99999999', type: 'other', title: 'x' }, pdf);
      assert.equal(missing.body.code, 'REFERENCE_INVALID');
      const mismatch = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), customerId: String(otherCustomer.id), type: 'other', title: 'x' },
        pdf,
      );
      assert.equal(mismatch.body.code, 'DOCUMENT_CUSTOMER_MISMATCH');
      assert.deepEqual({ rows: await rowCounts(), store: storeContents(t.dataDir) }, before);
    });

    it('R-FLOW-2 strips path parts and control characters from file names', async () => {
      const customer = await makeCustomer(db());
      const text = Buffer.from('root:x:0:0\n');
      const r = await upload(
        tech,
        '/api/documents',
        { customerId: String(customer.id), type: 'other', title: '路径' },
        { name: '../../etc/passwd', content: text },
      );
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.latestVersion.fileName, 'passwd.txt');
      const win = await upload(
        tech,
        '/api/documents',
        { customerId: String(customer.id), type: 'other', title: '路径' },
        { name: 'C:\\报告\\验收\u0007报告.pdf', content: await samplePdf() },
      );
      assert.equal(win.body.latestVersion.fileName, '验收报告.pdf');
    });

    it('R-FLOW-2 a new version keeps the old ones; versions are listed newest first and each can be downloaded', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const v1 = await samplePdf('version one');
      const v2 = await samplePdf('version two');
      const created = (
        await upload(
          tech,
          '/api/documents',
          { contractId: String(contract.id), type: 'solution_design', title: '方案设计' },
          { name: '方案 v1.pdf', content: v1 },
        )
      ).body;
      const r2 = await upload(
        tech,
        `/api/documents/${created.id}/versions`,
        { note: '客户意见修改' },
        { name: '方案 v2.pdf', content: v2 },
      );
      assert.equal(r2.status, 201, r2.text);
      assert.equal(r2.body.versionCount, 2);
      assert.equal(r2.body.latestVersion.number, 2);
      assert.equal(r2.body.latestVersion.note, '客户意见修改');
      assert.equal(r2.body.version, created.version + 1);
      const r3 = await upload(tech, `/api/documents/${created.id}/versions`, {}, { name: '方案 v3.docx', content: sampleDocx() });
      assert.equal(r3.body.latestVersion.number, 3);

      const versions = await engineer.get(`/api/documents/${created.id}/versions`);
      assert.deepEqual(
        versions.body.items.map((v: { number: number; fileName: string }) => [v.number, v.fileName]),
        [
          [3, '方案 v3.docx'],
          [2, '方案 v2.pdf'],
          [1, '方案 v1.pdf'],
        ],
      );
      assert.deepEqual((await download(engineer, `/api/documents/${created.id}/download`)).body, sampleDocx());
      assert.deepEqual((await download(engineer, `/api/documents/${created.id}/download?version=1`)).body, v1);
      assert.deepEqual((await download(engineer, `/api/documents/${created.id}/download?version=2`)).body, v2);
      assert.equal((await download(engineer, `/api/documents/${created.id}/download?version=9`)).status, 404);

      // The same content filed twice is stored once.
      const again = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'other', title: '重复' },
        { name: 'copy.pdf', content: v1 },
      );
      assert.equal(again.body.latestVersion.sha256, sha256(v1));
      assert.equal(storeContents(t.dataDir).files.filter((f) => f.endsWith(sha256(v1))).length, 1);

      const audit = await (await t.admin()).get(`/api/audit?entity=document&entityId=${created.id}`);
      assert.deepEqual(
        audit.body.items.map((e: { action: string }) => e.action),
        ['add_version', 'add_version', 'create'],
      );
    });

    it('R-ORG-5 the original contract is listed and downloaded only by sales, commerce and admin; the masked copy by everyone', async () => {
      const customer = await makeCustomer(db(), { name: '中原证券' });
      const contract = await makeContract(db(), { customerId: customer.id });
      const fields = { contractId: String(contract.id), title: '维保合同 2026' };
      const original = await upload(
        sales,
        '/api/documents',
        { ...fields, type: 'original_contract' },
        { name: '合同原件.pdf', content: await samplePdf('Total: 123,450.00') },
      );
      assert.equal(original.status, 201, original.text);
      assert.equal(original.body.priceSensitive, true);
      const masked = await upload(
        sales,
        '/api/documents',
        { ...fields, type: 'masked_contract' },
        { name: '合同副本.pdf', content: await samplePdf('Total: ***') },
      );
      assert.equal(masked.body.priceSensitive, false);

      const ids = async (c: Client) =>
        (await c.get(`/api/documents?contract=${contract.id}`)).body.items.map((d: { id: number }) => d.id).sort();
      assert.deepEqual(await ids(sales), [original.body.id, masked.body.id].sort());
      assert.deepEqual(await ids(await t.admin()), [original.body.id, masked.body.id].sort());
      assert.deepEqual(await ids(engineer), [masked.body.id]);
      assert.deepEqual(await ids(tech), [masked.body.id]);

      for (const url of [
        `/api/documents/${original.body.id}`,
        `/api/documents/${original.body.id}/versions`,
        `/api/documents/${original.body.id}/download`,
      ]) {
        const r = await download(engineer, url);
        assert.equal(r.status, 404, url);
        assert.equal(JSON.parse(r.body.toString()).code, 'NOT_FOUND');
      }
      assert.equal((await download(engineer, `/api/documents/${masked.body.id}/download`)).status, 200);
      assert.equal((await download(sales, `/api/documents/${original.body.id}/download`)).status, 200);
      const patch = await engineer.patch(`/api/documents/${original.body.id}`, { version: original.body.version, title: 'x' });
      assert.equal(patch.status, 404);
      const newVersion = await upload(
        engineer,
        `/api/documents/${original.body.id}/versions`,
        {},
        { name: 'x.pdf', content: await samplePdf() },
      );
      assert.equal(newVersion.status, 404);

      // Absent from search for technical roles, found by sales.
      const found = async (c: Client) =>
        ((await c.get(`/api/search?q=${encodeURIComponent('维保合同')}&kinds=document`)).body.groups[0]?.items ?? [])
          .map((h: { id: number }) => h.id)
          .sort();
      assert.deepEqual(await found(sales), [original.body.id, masked.body.id].sort());
      assert.deepEqual(await found(engineer), [masked.body.id]);

      // The archive tree counts what each may see.
      const count = async (c: Client) => (await c.get(`/api/archive/tree?customer=${customer.id}`)).body.items[0].documentCount;
      assert.equal(await count(sales), 2);
      assert.equal(await count(engineer), 1);
    });

    it('R-ORG-5 technical roles cannot file or flag a price-sensitive document', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const before = await rowCounts();
      const r = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'original_contract', title: '原件' },
        { name: 'o.pdf', content: await samplePdf() },
      );
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'DOCUMENT_PRICES_REQUIRED');
      const flagged = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'other', title: '报价', priceSensitive: 'true' },
        { name: 'q.pdf', content: await samplePdf() },
      );
      assert.equal(flagged.body.code, 'DOCUMENT_PRICES_REQUIRED');
      assert.deepEqual(await rowCounts(), before);
      const doc = (
        await upload(
          tech,
          '/api/documents',
          { contractId: String(contract.id), type: 'other', title: '报价' },
          { name: 'q.pdf', content: await samplePdf() },
        )
      ).body;
      const edit = await tech.patch(`/api/documents/${doc.id}`, { version: doc.version, type: 'original_contract' });
      assert.equal(edit.body.code, 'DOCUMENT_PRICES_REQUIRED');
      const bySales = await sales.patch(`/api/documents/${doc.id}`, { version: doc.version, priceSensitive: true });
      assert.equal(bySales.status, 200);
      assert.equal((await tech.get(`/api/documents/${doc.id}`)).status, 404);
    });

    it('R-ORG-7 a copied acceptance report records which department holds the original', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const fields = { contractId: String(contract.id), type: 'acceptance_report', title: '项目验收报告' };
      const file = { name: '验收报告.pdf', content: await samplePdf('accepted') };
      const missing = await upload(tech, '/api/documents', fields, file);
      assert.equal(missing.status, 400);
      assert.equal(missing.body.code, 'DOCUMENT_ORIGINAL_HOLDER_REQUIRED');
      assert.equal(missing.body.issues[0].path, 'originalHolder');
      const ok = await upload(
        tech,
        '/api/documents',
        { ...fields, originalHolder: 'finance', originalHolderNote: '财务部档案柜 B-3' },
        file,
      );
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.isCopy, true);
      assert.equal(ok.body.originalHolder, 'finance');
      assert.equal(ok.body.originalHolderNote, '财务部档案柜 B-3');
      const receipt = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'equipment_receipt', title: '设备签收单', originalHolder: 'customer' },
        file,
      );
      assert.equal(receipt.body.isCopy, true);
      assert.equal(receipt.body.originalHolder, 'customer');
      // A delivery note the archive holds in original needs no holder.
      const own = await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'delivery_note', title: '送货单', isCopy: 'false' },
        file,
      );
      assert.equal(own.status, 201);
      assert.equal(own.body.isCopy, false);
      assert.equal(own.body.originalHolder, null);
      // Any document can be flagged a copy.
      const edit = await tech.patch(`/api/documents/${own.body.id}`, {
        version: own.body.version,
        isCopy: true,
        originalHolder: 'commerce',
      });
      assert.equal(edit.status, 200, edit.text);
      assert.equal(edit.body.originalHolder, 'commerce');
      const stale = await tech.patch(`/api/documents/${own.body.id}`, { version: own.body.version, title: '旧' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');
    });

    it('R-FLOW-2 completeness lists the types the service kinds require and drops each once filed', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), {
        customerId: customer.id,
        serviceKinds: ['distribution_standard', 'onsite_maintenance', 'consulting'],
        trainingDays: 2,
        licensed: true,
      });
      const r = await sales.get(`/api/contracts/${contract.id}/documents/completeness`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.complete, false);
      const missingForSales = [
        'acceptance_report',
        'delivery_note',
        'equipment_receipt',
        'installation_report',
        'license_record',
        'masked_contract',
        'original_contract',
        'service_report',
        'solution_design',
        'training_feedback',
      ];
      assert.deepEqual([...r.body.missing].sort(), missingForSales.sort());
      // R-ORG-5: the original contract is no line at all for a technical role.
      const forEngineer = (await engineer.get(`/api/contracts/${contract.id}/documents/completeness`)).body;
      assert.deepEqual(
        [...forEngineer.missing].sort(),
        missingForSales.filter((x) => x !== 'original_contract'),
      );
      assert.equal(
        forEngineer.required.some((x: { type: string }) => x.type === 'original_contract'),
        false,
      );
      const license = r.body.required.find((x: { type: string }) => x.type === 'license_record');
      assert.deepEqual(license, { type: 'license_record', requiredBy: ['distribution_standard'], condition: 'licensed', present: false });

      const file = { name: '送货单.pdf', content: await samplePdf('delivered') };
      await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'delivery_note', title: '送货单', isCopy: 'false' },
        file,
      );
      await upload(sales, '/api/documents', { contractId: String(contract.id), type: 'original_contract', title: '合同' }, file);
      const after = (await sales.get(`/api/contracts/${contract.id}/documents/completeness`)).body;
      assert.equal(after.missing.includes('delivery_note'), false);
      assert.equal(after.missing.includes('original_contract'), false);
      assert.equal(after.required.find((x: { type: string }) => x.type === 'delivery_note').present, true);
      assert.equal(
        (await engineer.get(`/api/contracts/${contract.id}/documents/completeness`)).body.missing.includes('delivery_note'),
        false,
      );

      // Without licensed goods or training, those are not asked for.
      const plain = await makeContract(db(), { customerId: customer.id, serviceKinds: ['routine_inspection'] });
      const p = (await sales.get(`/api/contracts/${plain.id}/documents/completeness`)).body;
      assert.deepEqual([...p.missing].sort(), ['masked_contract', 'original_contract', 'service_report']);
      const pe = (await engineer.get(`/api/contracts/${plain.id}/documents/completeness`)).body;
      assert.deepEqual([...pe.missing].sort(), ['masked_contract', 'service_report']);
      assert.equal((await engineer.get('/api/contracts/99999999/documents/completeness')).status, 404);
    });

    it('R-ORG-6 the archive tree goes industry → customer → contract with document counts, one level per request', async () => {
      const industry = await db().selectFrom('industry').select(['id', 'name_zh']).where('code', '=', 'energy').executeTakeFirstOrThrow();
      const a = await makeCustomer(db(), { name: '国网能源研究院', industryCode: 'energy' });
      const b = await makeCustomer(db(), { name: '大唐发电', industryCode: 'energy' });
      const c1 = await makeContract(db(), { customerId: a.id, signedAt: '2025-03-01' });
      const c2 = await makeContract(db(), { customerId: a.id, signedAt: '2026-03-01' });
      const pdf = { name: 'r.pdf', content: await samplePdf('tree') };
      for (const contractId of [c1.id, c2.id, c2.id]) {
        await upload(tech, '/api/documents', { contractId: String(contractId), type: 'service_report', title: '服务报告' }, pdf);
      }
      await upload(tech, '/api/documents', { customerId: String(b.id), type: 'other', title: '客户资料' }, pdf);

      const root = await engineer.get('/api/archive/tree');
      assert.equal(root.status, 200, root.text);
      assert.equal(root.body.level, 'industries');
      const energy = root.body.items.find((n: { id: number }) => n.id === Number(industry.id));
      assert.deepEqual(energy, {
        kind: 'industry',
        id: Number(industry.id),
        name: '能源',
        nameEn: 'Energy',
        childCount: 2,
        documentCount: 4,
      });

      const customers = await engineer.get(`/api/archive/tree?industry=${industry.id}`);
      assert.equal(customers.body.level, 'customers');
      assert.deepEqual(
        customers.body.items
          .map((n: { name: string; childCount: number; documentCount: number }) => [n.name, n.childCount, n.documentCount])
          .sort(),
        [
          ['国网能源研究院', 2, 3],
          ['大唐发电', 0, 1],
        ],
      );
      const paged = await engineer.get(`/api/archive/tree?industry=${industry.id}&pageSize=1&page=2`);
      assert.equal(paged.body.total, 2);
      assert.equal(paged.body.items.length, 1);
      const byName = await engineer.get(`/api/archive/tree?industry=${industry.id}&q=${encodeURIComponent('大唐')}`);
      assert.deepEqual(
        byName.body.items.map((n: { id: number }) => n.id),
        [b.id],
      );

      const contracts = await engineer.get(`/api/archive/tree?customer=${a.id}`);
      assert.equal(contracts.body.level, 'contracts');
      assert.deepEqual(
        contracts.body.items.map((n: { kind: string; name: string; documentCount: number; childCount: null }) => [
          n.kind,
          n.name,
          n.documentCount,
          n.childCount,
        ]),
        [
          ['contract', c2.number, 2, null],
          ['contract', c1.number, 1, null],
        ],
      );
      assert.equal(contracts.body.customerDocuments.documentCount, 0);
      assert.equal((await engineer.get('/api/archive/tree?customer=99999999')).status, 404);
      assert.equal((await engineer.get('/api/archive/tree?industry=99999999')).status, 404);

      // Customers without an industry sit under a node of their own.
      const loose = await makeCustomer(db(), { industryCode: null });
      const none = (await engineer.get('/api/archive/tree')).body.items.find((n: { id: number | null }) => n.id === null);
      assert.equal(none.name, '未分类');
      assert.ok(none.childCount >= 1);
      const looseList = await engineer.get(`/api/archive/tree?industry=none&q=${encodeURIComponent(loose.name)}`);
      assert.deepEqual(
        looseList.body.items.map((n: { id: number }) => n.id),
        [loose.id],
      );
    });

    it('R-GOODS-6 license records and media backup records are kept in the customer’s archive', async () => {
      const customer = await makeCustomer(db(), { industryCode: 'manufacturing' });
      const contract = await makeContract(db(), { customerId: customer.id, serviceKinds: ['distribution_standard'], licensed: true });
      const lic = await upload(
        tech,
        '/api/documents',
        { customerId: String(customer.id), type: 'license_record', title: 'NetBackup 许可证', notes: 'hostid 8a3f21c0' },
        { name: 'license.txt', content: Buffer.from('LICENSE KEY: ABCD-1234\nHOSTID: 8a3f21c0\n') },
      );
      assert.equal(lic.status, 201, lic.text);
      assert.equal(lic.body.contractId, null);
      const backup = await upload(
        tech,
        '/api/documents',
        { customerId: String(customer.id), type: 'media_backup_record', title: '介质备份登记' },
        { name: '介质备份.xlsx', content: await sampleXlsx() },
      );
      assert.equal(backup.status, 201, backup.text);
      const tree = await engineer.get(`/api/archive/tree?customer=${customer.id}`);
      assert.deepEqual(tree.body.customerDocuments, {
        kind: 'customer_documents',
        id: customer.id,
        name: '客户文档',
        nameEn: 'Customer documents',
        childCount: null,
        documentCount: 2,
      });
      const list = await engineer.get(`/api/documents?customer=${customer.id}&sort=title`);
      assert.deepEqual(
        list.body.items.map((d: { type: string }) => d.type),
        ['license_record', 'media_backup_record'],
      );
      const byType = await engineer.get(`/api/documents?customer=${customer.id}&type=license_record`);
      assert.equal(byType.body.total, 1);
      const byText = await engineer.get(`/api/documents?q=${encodeURIComponent('license.TXT')}&customer=${customer.id}`);
      assert.equal(byText.body.total, 1);
      // A license record on the contract itself satisfies the contract's completeness.
      await upload(
        tech,
        '/api/documents',
        { contractId: String(contract.id), type: 'license_record', title: '许可证' },
        { name: 'l.txt', content: Buffer.from('KEY') },
      );
      const c = (await engineer.get(`/api/contracts/${contract.id}/documents/completeness`)).body;
      assert.equal(c.missing.includes('license_record'), false);
    });

    it('R-GOODS-6 R-ORG-6 contract=none lists only the customer’s own documents, of no contract', async () => {
      const customer = await makeCustomer(db());
      const other = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id });
      const file = { name: 'l.txt', content: Buffer.from('KEY') };
      const own = [];
      for (const title of ['许可证登记', '介质备份']) {
        const r = await upload(tech, '/api/documents', { customerId: String(customer.id), type: 'license_record', title }, file);
        assert.equal(r.status, 201, r.text);
        own.push(r.body.id);
      }
      await upload(tech, '/api/documents', { contractId: String(contract.id), type: 'license_record', title: '合同许可证' }, file);
      await upload(tech, '/api/documents', { customerId: String(other.id), type: 'license_record', title: '别家许可证' }, file);

      const all = await engineer.get(`/api/documents?customer=${customer.id}`);
      assert.equal(all.body.total, 3);
      const mine = await engineer.get(`/api/documents?customer=${customer.id}&contract=none&sort=title`);
      assert.equal(mine.status, 200, mine.text);
      assert.equal(mine.body.total, 2);
      assert.deepEqual(mine.body.items.map((d: { id: number }) => d.id).sort(), [...own].sort());
      assert.ok(mine.body.items.every((d: { contractId: number | null }) => d.contractId === null));
      const paged = await engineer.get(`/api/documents?customer=${customer.id}&contract=none&pageSize=1&page=2`);
      assert.equal(paged.body.total, 2);
      assert.equal(paged.body.items.length, 1);
      const typed = await engineer.get(`/api/documents?customer=${customer.id}&contract=none&q=${encodeURIComponent('介质')}`);
      assert.equal(typed.body.total, 1);
      // The tree's customer-documents node counts the same documents.
      const tree = await engineer.get(`/api/archive/tree?customer=${customer.id}`);
      assert.equal(tree.body.customerDocuments.documentCount, 2);
      const bad = await engineer.get(`/api/documents?customer=${customer.id}&contract=nothing`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.issues[0].path, 'contract');
    });

    it('R-FLOW-2 withdrawing a document keeps it (audited) but takes it out of lists, the tree and completeness', async () => {
      const customer = await makeCustomer(db());
      const contract = await makeContract(db(), { customerId: customer.id, serviceKinds: ['routine_inspection'] });
      const doc = (
        await upload(
          tech,
          '/api/documents',
          { contractId: String(contract.id), type: 'service_report', title: '巡检报告' },
          { name: 'r.pdf', content: await samplePdf() },
        )
      ).body;
      assert.equal((await tech.get(`/api/contracts/${contract.id}/documents/completeness`)).body.missing.includes('service_report'), false);
      const w = await tech.delete(`/api/documents/${doc.id}?reason=${encodeURIComponent('上传错了')}`);
      assert.equal(w.status, 200, w.text);
      assert.equal(w.body.status, 'withdrawn');
      assert.equal(w.body.withdrawReason, '上传错了');
      assert.equal((await tech.get(`/api/documents?contract=${contract.id}`)).body.total, 0);
      assert.equal((await tech.get(`/api/documents?contract=${contract.id}&status=withdrawn`)).body.total, 1);
      assert.equal((await tech.get(`/api/archive/tree?customer=${customer.id}`)).body.items[0].documentCount, 0);
      assert.equal((await tech.get(`/api/contracts/${contract.id}/documents/completeness`)).body.missing.includes('service_report'), true);
      assert.equal((await download(tech, `/api/documents/${doc.id}/download`)).status, 200);
      const again = await upload(tech, `/api/documents/${doc.id}/versions`, {}, { name: 'r2.pdf', content: await samplePdf('2') });
      assert.equal(again.status, 422);
      assert.equal(again.body.code, 'DOCUMENT_WITHDRAWN');
      const audit = await (await t.admin()).get(`/api/audit?entity=document&entityId=${doc.id}`);
      assert.deepEqual(
        audit.body.items.map((e: { action: string }) => e.action),
        ['withdraw', 'create'],
      );
    });
  });

  describe(`upload size limit (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { FUWU_UPLOAD_MAX_MB: '1' });
    });
    after(() => t.close());

    it('R-FLOW-2 an upload over FUWU_UPLOAD_MAX_MB gets 413 and nothing is stored', async () => {
      const db = t.app.deps.database.db;
      const customer = await makeCustomer(db);
      const admin = await t.admin();
      const big = Buffer.alloc(1024 * 1024 + 512 * 1024, 'a');
      const r = await upload(
        admin,
        '/api/documents',
        { customerId: String(customer.id), type: 'other', title: '大文件' },
        { name: 'big.txt', content: big },
      );
      assert.equal(r.status, 413, r.text);
      assert.equal(r.body.code, 'PAYLOAD_TOO_LARGE');
      assert.deepEqual(storeContents(t.dataDir), { files: [], staging: [] });
      const n = await db
        .selectFrom('document')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
      const ok = await upload(
        admin,
        '/api/documents',
        { customerId: String(customer.id), type: 'other', title: '小文件' },
        { name: 'small.txt', content: big.subarray(0, 1000) },
      );
      assert.equal(ok.status, 201, ok.text);
    });
  });

  describe(`upload refused over a real connection (${engine})`, () => {
    it('R-FLOW-2 a refused upload is answered early and does not hold its connection open', async () => {
      const t = await startTestApp(engine, { FUWU_UPLOAD_MAX_MB: '1' });
      const admin = await t.admin();
      const customer = await makeCustomer(t.app.deps.database.db);
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const form = new FormData();
      form.append('customerId', String(customer.id));
      form.append('type', 'other');
      form.append('title', '大文件');
      form.append('file', new Blob([Buffer.alloc(8 * 1024 * 1024, 'a')]), 'big.txt');
      const r = await fetch(`${address}/api/documents`, {
        method: 'POST',
        body: form,
        headers: { cookie: admin.cookie ?? '', 'x-csrf-token': admin.csrf ?? '' },
      });
      assert.equal(r.status, 413);
      assert.equal(((await r.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
      // A body left unread would keep the request open, and the server could not close.
      const closed = await Promise.race([t.close().then(() => true), new Promise((resolve) => setTimeout(resolve, 5000, false))]);
      assert.equal(closed, true);
    });
  });
}
