import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { evaluateChecklist, type TChecklistTemplate } from '@contract/checklists';
import type { TRole } from '@contract/roles';
import { type Client, type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';

const ROLES = { eng: ['engineer'], tm: ['tech_manager'] } satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`checklist templates (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let admin: Client;
    const byCode = async (code: string): Promise<TChecklistTemplate> => {
      const r = await u.eng.client.get('/api/checklist-templates?pageSize=200');
      assert.equal(r.status, 200, r.text);
      const found = (r.body.items as TChecklistTemplate[]).find((x) => x.code === code);
      assert.ok(found, code);
      return found;
    };

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      admin = await t.admin();
    });
    after(() => t.close());

    it('R-INST-2 R-PM-6 R-PM-7 R-TRAIN-3 R-GOODS-5 the rulebook defaults ship, one per service kind, with zh and en labels and no rule codes', async () => {
      const r = await u.eng.client.get('/api/checklist-templates?pageSize=200');
      assert.equal(r.status, 200, r.text);
      const items = r.body.items as TChecklistTemplate[];
      assert.deepEqual(items.map((x) => [x.code, x.serviceKind, x.currentVersion]).sort(), [
        ['goods_preparation', 'goods_inspection', 1],
        ['installation_arrival', 'installation', 1],
        ['preventive_maintenance', 'preventive_maintenance', 1],
        ['training_room', 'training', 1],
      ]);
      for (const tpl of items)
        for (const i of tpl.items) {
          assert.ok(i.labelZh && i.labelEn, `${tpl.code}.${i.key}`);
          assert.doesNotMatch(`${i.labelZh} ${i.labelEn} ${tpl.nameZh} ${tpl.nameEn}`, /R-[A-Z]+-\d/);
        }
      const pm = await byCode('preventive_maintenance');
      const keys = pm.items.map((i) => i.key);
      for (const k of [
        'room_temperature',
        'room_humidity',
        'supply_voltage',
        'placement_ok',
        'power_connections_ok',
        'signal_connections_ok',
        'vents_cleaned',
        'dust_cleaned',
        'system_messages',
        'logs_reviewed',
        'software_tests',
        'tools_parts_back',
      ])
        assert.ok(keys.includes(k), k);
      const temp = pm.items.find((i) => i.key === 'room_temperature');
      assert.deepEqual(temp?.type === 'number' && [temp.unit, temp.min, temp.max, temp.required], ['°C', 18, 27, true]);
      const kinds = (await u.eng.client.get('/api/checklist-templates?serviceKind=training')).body.items as TChecklistTemplate[];
      assert.deepEqual(
        kinds.map((x) => x.code),
        ['training_room'],
      );
    });

    it('R-PM-6 the shipped PM checklist, filled with a hot room and an item left out, names the item and flags the temperature', async () => {
      const pm = await byCode('preventive_maintenance');
      const answers = Object.fromEntries(
        pm.items.map((i) => [
          i.key,
          i.type === 'yes_no' ? true : i.type === 'number' ? 220 : i.type === 'choice' ? (i.options[0]?.value ?? null) : null,
        ]),
      );
      answers.room_temperature = 35;
      answers.room_humidity = 50;
      delete answers.tools_parts_back;
      const r = evaluateChecklist(pm.items, answers);
      assert.deepEqual(
        r.missing.map((m) => m.label.zh),
        ['工具和备件已全部带回'],
      );
      assert.deepEqual(
        r.outOfRange.map((o) => [o.key, o.value]),
        [['room_temperature', 35]],
      );
    });

    it('an edit makes a new version; the version a checklist was filled with stays as it was', async () => {
      const before = await byCode('installation_arrival');
      const items = [
        ...before.items,
        { key: 'ups_present', type: 'yes_no' as const, labelZh: '有不间断电源', labelEn: 'UPS present', required: false },
      ];
      const r = await admin.patch(`/api/checklist-templates/${before.id}`, { version: before.currentVersion, items });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.currentVersion, before.currentVersion + 1);
      assert.equal(r.body.items.length, before.items.length + 1);
      const old = await u.eng.client.get(`/api/checklist-templates/${before.id}/versions/${before.currentVersion}`);
      assert.equal(old.status, 200, old.text);
      assert.deepEqual(old.body.items, before.items);
      const current = await u.eng.client.get(`/api/checklist-templates/${before.id}/versions/${before.currentVersion + 1}`);
      assert.equal(current.body.createdBy?.id !== undefined, true);
      assert.equal((await u.eng.client.get(`/api/checklist-templates/${before.id}/versions/99`)).status, 404);
      const stale = await admin.patch(`/api/checklist-templates/${before.id}`, {
        version: before.currentVersion,
        nameZh: '旧版本上的修改',
      });
      assert.equal(stale.status, 409, stale.text);
      const audit = await admin.get(`/api/audit?entity=checklist_template&entityId=${before.id}&action=new_version`);
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.total, 1);
    });

    it('only an administrator edits templates; a bad item is refused naming its field, and nothing changes', async () => {
      const tpl = await byCode('training_room');
      assert.equal(
        (await u.tm.client.patch(`/api/checklist-templates/${tpl.id}`, { version: tpl.currentVersion, nameZh: 'x' })).status,
        403,
      );
      const range = await admin.patch(`/api/checklist-templates/${tpl.id}`, {
        version: tpl.currentVersion,
        items: [{ key: 'temp', type: 'number', labelZh: '温度', labelEn: 'Temperature', required: true, unit: '°C', min: 30, max: 10 }],
      });
      assert.equal(range.status, 400, range.text);
      assert.deepEqual(
        range.body.issues.map((i: { path: string }) => i.path),
        ['items.0.max'],
      );
      const dup = await admin.patch(`/api/checklist-templates/${tpl.id}`, {
        version: tpl.currentVersion,
        items: [
          { key: 'a', type: 'text', labelZh: '甲', labelEn: 'A', required: false },
          { key: 'a', type: 'photo', labelZh: '乙', labelEn: 'B', required: false },
        ],
      });
      assert.equal(dup.status, 400, dup.text);
      assert.deepEqual(
        dup.body.issues.map((i: { path: string }) => i.path),
        ['items.1.key'],
      );
      assert.equal((await byCode('training_room')).currentVersion, tpl.currentVersion);
    });

    it('an administrator creates a template for another kind; a code used twice is a conflict', async () => {
      const body = {
        code: 'consulting_visit',
        serviceKind: 'consulting',
        nameZh: '咨询到访记录',
        nameEn: 'Consulting visit',
        items: [{ key: 'topics', type: 'text', labelZh: '讨论主题', labelEn: 'Topics', required: true }],
      };
      const r = await admin.post('/api/checklist-templates', body);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.currentVersion, 1);
      assert.equal((await admin.post('/api/checklist-templates', body)).status, 409);
      assert.equal((await u.tm.client.post('/api/checklist-templates', { ...body, code: 'other' })).status, 403);
    });
  });
}
