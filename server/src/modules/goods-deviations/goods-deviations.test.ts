import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';

const ROLES = {
  tm: ['tech_manager'],
  sales: ['sales'],
  commerce: ['commerce'],
  commerce2: ['commerce'],
  eng: ['engineer'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`goods deviations (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractId: number;
    let namedCommerceContract: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      contractId = (await makeContract(db(), { status: 'active', salesOwnerId: u.sales.user.id })).id;
      namedCommerceContract = (
        await makeContract(db(), { status: 'active', salesOwnerId: u.sales.user.id, commerceContactId: u.commerce2.user.id })
      ).id;
    });
    after(() => t.close());

    const report = { kind: 'damaged', items: [{ description: '光纤模块 10G SFP+', quantity: 2 }], note: '外包装破损，模块针脚弯曲' };
    const deviationNotices = async (who: TSignedIn, id: number) =>
      ((await who.client.get('/api/notifications?pageSize=200')).body.items as { kind: string; entityId: number }[]).filter(
        (n) => n.kind === 'goods_deviation' && n.entityId === id,
      );

    it('R-ORG-8 a reported deviation notifies the sales owner and commerce at once and stays open', async () => {
      const r = await u.tm.client.post(`/api/contracts/${contractId}/goods-deviations`, report);
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.number, /^GD-\d{4}-\d{5}$/);
      assert.equal(r.body.state, 'open');
      assert.deepEqual(r.body.items, report.items);
      for (const who of [u.sales, u.commerce, u.commerce2]) assert.equal((await deviationNotices(who, r.body.id)).length, 1);
      const open = (await u.commerce.client.get('/api/goods-deviations?state=open')).body.items;
      assert.ok(open.some((d: { id: number }) => d.id === r.body.id));
    });

    it("R-ORG-8 a contract's named commerce contact is the one told", async () => {
      const r = await u.eng.client.post(`/api/contracts/${namedCommerceContract}/goods-deviations`, { ...report, kind: 'missing' });
      assert.equal(r.status, 201, r.text);
      assert.equal((await deviationNotices(u.commerce2, r.body.id)).length, 1);
      assert.equal((await deviationNotices(u.commerce, r.body.id)).length, 0);
    });

    it('R-ORG-8 only commerce closes it, with what was done', async () => {
      const d = (await u.tm.client.post(`/api/contracts/${contractId}/goods-deviations`, { ...report, kind: 'wrong' })).body;
      assert.equal((await u.tm.client.post(`/api/goods-deviations/${d.id}/close`, { version: d.version, resolution: 'x' })).status, 403);
      const noText = await u.commerce.client.post(`/api/goods-deviations/${d.id}/close`, { version: d.version, resolution: '' });
      assert.equal(noText.status, 400);
      assert.equal(noText.body.issues[0].path, 'resolution');
      const c = await u.commerce.client.post(`/api/goods-deviations/${d.id}/close`, {
        version: d.version,
        resolution: '供应商补发正确型号，已签收',
      });
      assert.equal(c.status, 200, c.text);
      assert.equal(c.body.state, 'closed');
      assert.equal(c.body.closedBy.id, u.commerce.user.id);
      const again = await u.commerce.client.post(`/api/goods-deviations/${d.id}/close`, { version: c.body.version, resolution: '再次' });
      assert.equal(again.body.code, 'GOODS_DEVIATION_CLOSED');
    });

    it('R-ORG-8 a report without kind or items is refused naming them, and nothing is saved', async () => {
      const before = (await u.tm.client.get('/api/goods-deviations')).body.total;
      const r = await u.tm.client.post(`/api/contracts/${contractId}/goods-deviations`, { items: [] });
      assert.equal(r.status, 400);
      const paths = (r.body.issues as { path: string }[]).map((i) => i.path);
      assert.ok(paths.includes('kind') && paths.includes('items'), r.text);
      assert.equal((await u.tm.client.get('/api/goods-deviations')).body.total, before);
      assert.equal((await u.tm.client.post('/api/contracts/999999/goods-deviations', report)).status, 404);
    });

    it('R-ORG-8 photos of what arrived go with the report: listed on it, downloaded as attachments; not an image, refused naming the file', async () => {
      const d = (await u.eng.client.post(`/api/contracts/${contractId}/goods-deviations`, report)).body;
      const png = multipartBody({}, { name: '破损外箱.png', content: SAMPLE_PNG, type: 'image/png' });
      const added = await u.eng.client.request('POST', `/api/goods-deviations/${d.id}/photos`, png.payload, png.headers);
      assert.equal(added.status, 201, added.text);
      assert.equal(added.body.photos.length, 1);
      const [photo] = added.body.photos;
      assert.equal(photo.fileName, '破损外箱.png');
      // Everyone who reads deviations sees it, in the list as in the detail.
      const listed = (await u.commerce.client.get('/api/goods-deviations?state=open')).body.items.find(
        (x: { id: number }) => x.id === d.id,
      );
      assert.deepEqual(listed.photos, added.body.photos);
      const file = await u.commerce.client.get(`/api/goods-deviations/${d.id}/photos/${photo.id}`);
      assert.equal(file.status, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      assert.equal((await u.commerce.client.get(`/api/goods-deviations/${d.id}/photos/999999`)).status, 404);

      const pdf = multipartBody({}, { name: 'photo.pdf', content: await samplePdf('not a photo'), type: 'application/pdf' });
      const refused = await u.eng.client.request('POST', `/api/goods-deviations/${d.id}/photos`, pdf.payload, pdf.headers);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.issues[0].path, 'file');
      assert.equal((await u.eng.client.get(`/api/goods-deviations/${d.id}`)).body.photos.length, 1, 'nothing added');

      // Commerce may not add photos (reporting roles do); a closed deviation takes no more.
      assert.equal((await u.commerce.client.request('POST', `/api/goods-deviations/${d.id}/photos`, png.payload, png.headers)).status, 403);
      const closed = await u.commerce.client.post(`/api/goods-deviations/${d.id}/close`, {
        version: d.version,
        resolution: '供应商已补发',
      });
      assert.equal(closed.status, 200, closed.text);
      const late = await u.eng.client.request('POST', `/api/goods-deviations/${d.id}/photos`, png.payload, png.headers);
      assert.equal(late.body.code, 'GOODS_DEVIATION_CLOSED');
    });
  });
}
