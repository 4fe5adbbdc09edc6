import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type ExcelJS from 'exceljs';
import type { TRole } from '@contract/roles';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { multipartBody, samplePdf } from '../files/files.fixtures';
import { download, readWorkbook } from '../imports/imports.fixtures';
import { makeContract, makeCustomer } from './documents.fixtures';

/** A word no other record holds: in the original's title, notes and file names. */
const CANARY = 'CANARYX7Q';
const TECHNICAL_ROLES: TRole[] = ['engineer', 'project_manager', 'tech_manager', 'receiver'];

function upload(client: Client, url: string, fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const { payload, headers } = multipartBody(fields, file);
  return client.request('POST', url, payload, headers);
}

function workbookText(wb: ExcelJS.Workbook): string {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(String(cell.value));
      });
    });
  }
  return out.join('\n');
}

for (const engine of engines()) {
  describe(`original contracts stay hidden from technical roles (${engine})`, () => {
    let t: TestApp;
    let sales: Client;
    let customer: { id: number; name: string };
    let contract: { id: number; number: string };
    let original: { id: number };
    let masked: { id: number };

    before(async () => {
      t = await startTestApp(engine);
      sales = (await t.userWith(['sales'])).client;
      const db = t.app.deps.database.db;
      customer = await makeCustomer(db, { industryCode: 'energy' });
      contract = await makeContract(db, { customerId: customer.id, serviceKinds: ['routine_inspection'] });
      const o = await upload(
        sales,
        '/api/documents',
        { contractId: String(contract.id), type: 'original_contract', title: `${CANARY} 维保合同原件`, notes: `${CANARY} 总价见第 3 页` },
        { name: `${CANARY}-原件.pdf`, content: await samplePdf('Total: 987,654.32') },
      );
      assert.equal(o.status, 201, o.text);
      original = o.body;
      const v2 = await upload(
        sales,
        `/api/documents/${original.id}/versions`,
        { note: `${CANARY} 盖章版` },
        {
          name: `${CANARY}-v2.pdf`,
          content: await samplePdf('signed'),
        },
      );
      assert.equal(v2.status, 201, v2.text);
      const m = await upload(
        sales,
        '/api/documents',
        { contractId: String(contract.id), type: 'masked_contract', title: '维保合同副本' },
        { name: '合同副本.pdf', content: await samplePdf('Total: ***') },
      );
      assert.equal(m.status, 201, m.text);
      masked = m.body;
    });
    after(() => t.close());

    /** Every documents / archive / completeness / search / export response, as text, with its URL. */
    async function everyResponse(client: Client): Promise<{ url: string; status: number; text: string; body: any }[]> {
      const q = encodeURIComponent;
      const json = [
        '/api/documents',
        `/api/documents?contract=${contract.id}`,
        `/api/documents?customer=${customer.id}`,
        '/api/documents?type=original_contract',
        `/api/documents?q=${CANARY}`,
        `/api/documents?q=${q('原件')}`,
        `/api/documents?contract=${contract.id}&status=withdrawn`,
        `/api/documents/${original.id}`,
        `/api/documents/${original.id}/versions`,
        `/api/documents/${masked.id}`,
        `/api/documents/${masked.id}/versions`,
        '/api/archive/tree',
        `/api/archive/tree?industry=${(await t.app.deps.database.db.selectFrom('industry').select('id').where('code', '=', 'energy').executeTakeFirstOrThrow()).id}`,
        `/api/archive/tree?customer=${customer.id}`,
        `/api/contracts/${contract.id}/documents/completeness`,
        `/api/search?q=${CANARY}`,
        `/api/search?q=${CANARY}&kinds=document`,
        `/api/search?q=${q('合同原件')}`,
        `/api/search?q=${q('维保合同')}&kinds=document`,
        `/api/search?q=${q(contract.number)}`,
        `/api/contracts/${contract.id}`,
        `/api/customers/${customer.id}`,
      ];
      const out: { url: string; status: number; text: string; body: any }[] = [];
      for (const url of json) {
        const r = await client.get(url);
        out.push({ url, status: r.status, text: r.text, body: r.body });
      }
      for (const url of [
        `/api/documents/${original.id}/download`,
        `/api/documents/${original.id}/download?version=1`,
        `/api/documents/${original.id}/download?version=2`,
      ]) {
        const r = await download(t, client, url);
        out.push({ url, status: r.status, text: r.body.toString('latin1'), body: null });
      }
      for (const url of [
        '/api/exports/archive-index',
        `/api/exports/archive-index?contract=${contract.id}`,
        `/api/exports/archive-index?customer=${customer.id}&type=original_contract`,
        `/api/exports/archive-index?q=${CANARY}`,
      ]) {
        const r = await download(t, client, url);
        const text = r.status === 200 ? workbookText(await readWorkbook(r.body)) : r.body.toString();
        out.push({ url, status: r.status, text, body: null });
      }
      return out;
    }

    it('R-ORG-5 sales sees the original everywhere the scan looks (the canary is findable)', async () => {
      const seen = (await everyResponse(sales)).filter((r) => r.text.toUpperCase().includes(CANARY));
      const urls = seen.map((r) => r.url);
      for (const must of [
        `/api/documents?contract=${contract.id}`,
        `/api/documents/${original.id}/versions`,
        `/api/search?q=${CANARY}`,
        `/api/exports/archive-index?contract=${contract.id}`,
      ]) {
        assert.ok(urls.includes(must), `sales should see the original in ${must}`);
      }
      const c = (await sales.get(`/api/contracts/${contract.id}/documents/completeness`)).body;
      assert.equal(c.required.find((x: { type: string }) => x.type === 'original_contract').present, true);
      assert.equal((await sales.get(`/api/archive/tree?customer=${customer.id}`)).body.items[0].documentCount, 2);
    });

    for (const role of TECHNICAL_ROLES) {
      it(`R-ORG-5 as ${role}, no documents, archive, completeness, search or export response reveals the original contract`, async () => {
        const client = (await t.userWith([role])).client;
        const responses = await everyResponse(client);
        for (const r of responses) {
          assert.ok(r.status < 500, `${r.url}: ${r.status}`);
          assert.ok(!r.text.toUpperCase().includes(CANARY), `${role} finds the canary in ${r.url}: ${r.text.slice(0, 300)}`);
          assert.ok(!r.text.includes('987,654.32'), `${role} finds the original's content in ${r.url}`);
        }
        const byUrl = new Map(responses.map((r) => [r.url, r]));

        // The original itself: not found, exactly like a document that does not exist.
        for (const url of [
          `/api/documents/${original.id}`,
          `/api/documents/${original.id}/versions`,
          `/api/documents/${original.id}/download`,
          `/api/documents/${original.id}/download?version=1`,
        ]) {
          const r = byUrl.get(url);
          assert.ok(r?.status === 404 || r?.status === 403, `${url}: ${r?.status}`);
        }
        if (role === 'receiver') return; // no documents.read: everything above but search is refused

        // Lists and counts hold only the masked copy.
        const list = byUrl.get(`/api/documents?contract=${contract.id}`)?.body;
        assert.deepEqual(
          list.items.map((d: { id: number }) => d.id),
          [masked.id],
        );
        assert.equal(list.total, 1);
        assert.equal(byUrl.get('/api/documents?type=original_contract')?.body.total, 0);
        assert.equal(byUrl.get(`/api/archive/tree?customer=${customer.id}`)?.body.items[0].documentCount, 1);

        // Completeness: no original-contract line at all, and nothing else hints at it.
        const completeness = byUrl.get(`/api/contracts/${contract.id}/documents/completeness`)?.body;
        assert.deepEqual(completeness.required.map((x: { type: string }) => x.type).sort(), ['masked_contract', 'service_report']);
        assert.deepEqual(completeness.missing, ['service_report']);
        assert.ok(!JSON.stringify(completeness).includes('original_contract'));

        // Search: neither a hit nor a count.
        assert.deepEqual(byUrl.get(`/api/search?q=${CANARY}`)?.body.groups, []);
        const docs = byUrl.get(`/api/search?q=${encodeURIComponent('维保合同')}&kinds=document`)?.body.groups[0];
        assert.deepEqual(
          docs.items.map((h: { id: number }) => h.id),
          [masked.id],
        );
        assert.equal(docs.total, 1);
      });
    }
  });
}
