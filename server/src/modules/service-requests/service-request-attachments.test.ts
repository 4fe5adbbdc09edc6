import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';
import { makeServiceRequest } from './service-requests.fixtures';

for (const engine of engines()) {
  describe(`photos and files on a service request (${engine})`, () => {
    let t: TestApp;
    let tm: TSignedIn;
    let eng: TSignedIn;
    let other: TSignedIn;
    let srId: number;

    before(async () => {
      t = await startTestApp(engine);
      tm = await t.userWith(['tech_manager']);
      eng = await t.userWith(['engineer']);
      other = await t.userWith(['engineer']);
      const c = await makeContract(t.app.deps.database.db, { status: 'active' });
      srId = (
        await makeServiceRequest(
          tm.client,
          { customerId: c.customer.id, contractId: c.id },
          { responsibleEngineerId: eng.user.id, issue: true },
        )
      ).id;
    });
    after(() => t.close());

    const upload = (who: TSignedIn, name: string, content: Buffer, type: string) => {
      const { payload, headers } = multipartBody({}, { name, content, type });
      return who.client.request('POST', `/api/service-requests/${srId}/attachments`, payload, headers);
    };

    it('the engineer attaches a photo and a PDF; they are listed with who added them and download as attachments', async () => {
      const photo = await upload(eng, '现场照片.png', SAMPLE_PNG, 'image/png');
      assert.equal(photo.status, 201, photo.text);
      const pdf = await upload(eng, '日志.pdf', await samplePdf('controller log'), 'application/pdf');
      assert.equal(pdf.status, 201, pdf.text);
      const list = await tm.client.get(`/api/service-requests/${srId}/attachments`);
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(
        list.body.map((a: { fileName: string }) => a.fileName),
        ['现场照片.png', '日志.pdf'],
      );
      assert.equal(list.body[0].uploadedBy.id, eng.user.id);
      assert.equal(list.body[0].mime, 'image/png');
      const file = await tm.client.get(`/api/service-requests/${srId}/attachments/${list.body[0].id}`);
      assert.equal(file.status, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      const audit = await (await t.admin()).get(`/api/audit?entity=service_request&entityId=${srId}&action=attach`);
      assert.equal(audit.body.total, 2);
    });

    it('an engineer who is not on the request neither sees nor adds its files', async () => {
      assert.equal((await upload(other, 'x.png', SAMPLE_PNG, 'image/png')).status, 404);
      assert.equal((await other.client.get(`/api/service-requests/${srId}/attachments`)).status, 404);
    });
  });
}
