import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { closeFormPrinter } from '../../pdf/form-pdf';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { multipartBody, SAMPLE_PNG, samplePdf } from '../files/files.fixtures';
import { bringOnSite, insertVisit, SIGNATURE_PNG } from '../service-reports/service-reports.fixtures';
import { makeServiceRequest } from '../service-requests/service-requests.fixtures';

const ROLES = { tm: ['tech_manager'], eng: ['engineer'], other: ['engineer'] } satisfies Record<string, TRole[]>;

/** The PM checklist filled in full but for its photo. */
const PM_ANSWERS = {
  room_temperature: 24,
  room_humidity: 45,
  supply_voltage: 220,
  placement_ok: true,
  power_connections_ok: true,
  signal_connections_ok: true,
  vents_cleaned: true,
  dust_cleaned: true,
  system_messages: 'none',
  logs_reviewed: true,
  software_tests: 'passed',
  tools_parts_back: true,
};

for (const engine of engines()) {
  describe(`photo items of checklists (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let admin: Client;
    let customerId: number;
    let contractId: number;
    const db = () => t.app.deps.database.db;
    const upload = (c: Client, url: string, name: string, content: Buffer, type = 'image/png') => {
      const body = multipartBody({}, { name, content, type });
      return c.request('POST', url, body.payload, body.headers);
    };
    const photoRows = async () =>
      Number(
        (
          await db()
            .selectFrom('checklist_photo')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      admin = await t.admin();
      const contract = await makeContract(db(), { status: 'active', serviceKinds: ['routine_inspection'] });
      contractId = contract.id;
      customerId = contract.customer.id;
      // The PM checklist's photo made required (a new version: reports made from now on carry it).
      const list = await admin.get('/api/checklist-templates?serviceKind=preventive_maintenance');
      const pm = (
        list.body.items as { id: number; code: string; currentVersion: number; items: { key: string; required: boolean }[] }[]
      ).find((x) => x.code === 'preventive_maintenance');
      assert.ok(pm);
      const edited = await admin.patch(`/api/checklist-templates/${pm.id}`, {
        version: pm.currentVersion,
        items: pm.items.map((i) => (i.key === 'equipment_photo' ? { ...i, required: true } : i)),
      });
      assert.equal(edited.status, 200, edited.text);
    });
    after(async () => {
      await t.close();
      await closeFormPrinter();
    });

    async function draftReport() {
      const sr = await makeServiceRequest(
        u.tm.client,
        { customerId, contractId },
        { kind: 'preventive_maintenance', responsibleEngineerId: u.eng.user.id, issue: true },
      );
      await bringOnSite(u.eng.client, sr.id);
      const visitId = await insertVisit(db(), { requestId: sr.id, engineerId: u.eng.user.id, workDone: '例行检查' });
      const r = await u.eng.client.post('/api/service-reports', { visitId });
      assert.equal(r.status, 201, r.text);
      const filled = await u.eng.client.patch(`/api/service-reports/${r.body.id}`, {
        version: r.body.version,
        checklist: { templateId: r.body.checklist.templateId, answers: PM_ANSWERS },
      });
      assert.equal(filled.status, 200, filled.text);
      return filled.body as { id: number; version: number; checklist: { templateId: number; answers: Record<string, unknown> } };
    }
    const sign = (id: number, version: number) =>
      u.eng.client.post(`/api/service-reports/${id}/sign`, {
        version,
        signatures: [{ role: 'customer', signerName: '李工', method: 'pad', image: SIGNATURE_PNG.toString('base64') }],
      });

    it('R-PM-6 a required photo item left empty blocks signing, named; a photo taken for it fills it and the report signs', async () => {
      const r = await draftReport();
      const refused = await sign(r.id, r.version);
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.code, 'SERVICE_REPORT_CHECKLIST_INCOMPLETE');
      assert.deepEqual(
        (refused.body.issues as { path: string }[]).map((i) => i.path),
        ['checklist.answers.equipment_photo'],
      );
      assert.match(refused.body.issues[0].message, /设备照片|Equipment photo/);

      const added = await upload(u.eng.client, `/api/service-reports/${r.id}/checklist/equipment_photo/photos`, '机柜.png', SAMPLE_PNG);
      assert.equal(added.status, 201, added.text);
      const refs = added.body.checklist.answers.equipment_photo as string[];
      assert.equal(refs.length, 1);
      assert.deepEqual(added.body.checklist.missing, []);
      const file = await u.tm.client.get(`/api/service-reports/${r.id}/checklist-photos/${refs[0]}`);
      assert.equal(file.status, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      assert.equal(file.headers['content-type'], 'image/png');

      const signed = await sign(r.id, added.body.version);
      assert.equal(signed.status, 200, signed.text);
      assert.equal(signed.body.state, 'signed');
      // Signed: frozen, no more photos.
      const late = await upload(u.eng.client, `/api/service-reports/${r.id}/checklist/equipment_photo/photos`, 'late.png', SAMPLE_PNG);
      assert.equal(late.status, 409, late.text);
      assert.equal(late.body.code, 'SERVICE_REPORT_SIGNED');
    });

    it('a photo that is not an image by its content is refused naming the item, and nothing is saved', async () => {
      const r = await draftReport();
      const before = await photoRows();
      for (const [name, content, type] of [
        ['photo.png', await samplePdf('not a photo'), 'image/png'],
        ['photo.pdf', await samplePdf('not a photo'), 'application/pdf'],
        ['photo.png', Buffer.from('这不是图片'), 'image/png'],
      ] as const) {
        const x = await upload(u.eng.client, `/api/service-reports/${r.id}/checklist/equipment_photo/photos`, name, content, type);
        assert.equal(x.status, 400, x.text);
        assert.equal(x.body.issues[0].path, 'checklist.answers.equipment_photo', name);
        assert.match(x.body.issues[0].message, /设备照片|Equipment photo/);
      }
      assert.equal(await photoRows(), before);
      const after = (await u.eng.client.get(`/api/service-reports/${r.id}`)).body;
      assert.equal(after.version, r.version);
      assert.equal(after.checklist.answers.equipment_photo, undefined);
      // Not a photo item, or an id not taken for this report's item: refused, named.
      const notPhoto = await upload(u.eng.client, `/api/service-reports/${r.id}/checklist/room_temperature/photos`, 'a.png', SAMPLE_PNG);
      assert.equal(notPhoto.status, 400, notPhoto.text);
      assert.equal(notPhoto.body.issues[0].path, 'checklist.answers.room_temperature');
      const forged = await u.eng.client.patch(`/api/service-reports/${r.id}`, {
        version: r.version,
        checklist: { templateId: r.checklist.templateId, answers: { equipment_photo: ['1'] } },
      });
      assert.equal(forged.status, 400, forged.text);
      assert.equal(forged.body.issues[0].path, 'checklist.answers.equipment_photo');
    });

    it('R-INST-2 the arrival checklist: a photo taken before check-in is named in the answers; one of another visit is refused', async () => {
      const contract = await makeContract(db(), { status: 'active' });
      const visitOf = async () => {
        const sr = await makeServiceRequest(
          u.tm.client,
          { customerId: contract.customer.id, contractId: contract.id },
          { responsibleEngineerId: u.eng.user.id, issue: true },
        );
        assert.equal((await u.eng.client.post(`/api/service-requests/${sr.id}/accept`, {})).status, 200);
        assert.equal((await u.eng.client.post(`/api/service-requests/${sr.id}/schedule`, {})).status, 200);
        const v = await u.eng.client.post(`/api/service-requests/${sr.id}/visits`, {});
        assert.equal(v.status, 201, v.text);
        return v.body as { id: number; version: number };
      };
      const a = await visitOf();
      const b = await visitOf();
      const arrival = (await u.eng.client.get(`/api/visits/${a.id}/briefing`)).body.arrivalChecklist;
      const yes = Object.fromEntries(
        (arrival.items as { key: string; type: string }[]).filter((i) => i.type === 'yes_no').map((i) => [i.key, true]),
      );
      const bad = await upload(u.eng.client, `/api/visits/${a.id}/checklist/site_photo/photos`, 'x.png', Buffer.from('not an image'));
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.issues[0].path, 'checklist.answers.site_photo');
      const outsider = await upload(u.other.client, `/api/visits/${a.id}/checklist/site_photo/photos`, 'x.png', SAMPLE_PNG);
      assert.ok([403, 404].includes(outsider.status), outsider.text);
      const ofB = await upload(u.eng.client, `/api/visits/${b.id}/checklist/site_photo/photos`, 'b.png', SAMPLE_PNG);
      assert.equal(ofB.status, 201, ofB.text);
      const checkIn = (answers: Record<string, unknown>) =>
        u.eng.client.post(`/api/visits/${a.id}/check-in`, {
          version: a.version,
          checklist: { templateId: arrival.templateId, versionNo: arrival.versionNo, answers },
        });
      const foreign = await checkIn({ ...yes, site_photo: [String(ofB.body.id)] });
      assert.equal(foreign.status, 400, foreign.text);
      assert.equal(foreign.body.issues[0].path, 'checklist.answers.site_photo');
      const ofA = await upload(u.eng.client, `/api/visits/${a.id}/checklist/site_photo/photos`, '现场.png', SAMPLE_PNG);
      assert.equal(ofA.status, 201, ofA.text);
      assert.equal(ofA.body.fileName, '现场.png');
      const ok = await checkIn({ ...yes, site_photo: [String(ofA.body.id)] });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body.arrivalChecklist.answers.site_photo, [String(ofA.body.id)]);
      const file = await u.tm.client.get(`/api/visits/${a.id}/checklist-photos/${ofA.body.id}`);
      assert.equal(file.status, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);
      assert.equal((await u.tm.client.get(`/api/visits/${a.id}/checklist-photos/${ofB.body.id}`)).status, 404);
    });
  });
}
