import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addDays, warrantyStateOf, ZCreateEquipment } from '@contract/equipment';
import { todayIn } from '@contract/zoned-time';
import { systemActor } from '../../actor';
import { AppError } from '../../app-error';
import { transact } from '../../db/transaction';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeContract } from '../contracts/contracts.fixtures';
import { explainSnLookup } from './equipment.repo';
import { createEquipmentMany } from './equipment.service';

describe('warranty state (pure)', () => {
  it('R-PM-5 a warranty is active, expiring within 60 days, expired, or not recorded', () => {
    const today = '2026-06-15';
    assert.equal(warrantyStateOf(null, today), 'unknown');
    assert.equal(warrantyStateOf('2026-06-14', today), 'expired');
    assert.equal(warrantyStateOf('2026-06-15', today), 'expiring');
    assert.equal(warrantyStateOf(addDays(today, 60), today), 'expiring');
    assert.equal(warrantyStateOf(addDays(today, 61), today), 'active');
  });
});

for (const engine of engines()) {
  describe(`equipment (${engine})`, () => {
    let t: TestApp;
    let engineer: Client;
    let sales: Client;
    before(async () => {
      t = await startTestApp(engine);
      engineer = (await t.userWith(['engineer'])).client;
      sales = (await t.userWith(['sales'])).client;
    });
    after(() => t.close());
    const db = () => t.app.deps.database.db;
    const today = () => todayIn('Asia/Shanghai');

    it('R-GOODS-6 a unit records type, brand, model, PN, SN, quantity, site, warranties, license key, hostid and software serial', async () => {
      const contract = await makeContract(db(), { totalAmount: 555_000_000 });
      const body = {
        contractId: contract.id,
        productType: '服务器',
        brand: 'Oracle',
        model: 'SPARC T8-1',
        pn: '7117462',
        sn: ' ak00412345 ',
        site: '数据中心 A 区 3 排 12 柜',
        warrantyStart: '2026-01-10',
        warrantyEnd: '2029-01-09',
        vendorWarrantyEnd: '2031-01-09',
        licenseKey: 'ORCL-SOL11-XXXX-YYYY-ZZZZ',
        hostid: '86a3b2c1',
        softwareSerial: 'SOL11-4471-0092',
        notes: '含 Solaris 11 授权',
      };
      const r = await engineer.post('/api/equipment', body);
      assert.equal(r.status, 201);
      assert.equal(r.body.sn, 'AK00412345', 'trimmed and upper-cased');
      for (const k of [
        'productType',
        'brand',
        'model',
        'pn',
        'site',
        'warrantyStart',
        'warrantyEnd',
        'vendorWarrantyEnd',
        'licenseKey',
        'hostid',
        'softwareSerial',
        'notes',
      ] as const) {
        assert.equal(r.body[k], body[k], k);
      }
      assert.equal(r.body.quantity, 1);
      assert.equal(r.body.contractNumber, contract.number);
      assert.equal(r.body.customer.id, contract.customer.id);
      assert.equal(r.body.contract.pricesVisible, false, "the engineer sees the contract's masked shape");
      assert.equal('totalAmount' in r.body.contract, false);
      const detail = await sales.get(`/api/equipment/${r.body.id}`);
      assert.equal(detail.body.contract.totalAmount, 555_000_000);
      assert.equal(detail.body.warrantyState, warrantyStateOf('2029-01-09', today()));
    });

    it('R-GOODS-6 an SN is unique per brand, without regard to case; the same SN under another brand is allowed', async () => {
      const contract = await makeContract(db());
      const unit = { contractId: contract.id, productType: '磁盘阵列', model: 'OceanStor 5500 V5' };
      assert.equal((await engineer.post('/api/equipment', { ...unit, brand: '华为', sn: '2102351NQB10K3000123' })).status, 201);
      const dup = await engineer.post('/api/equipment', { ...unit, brand: ' 华为 ', sn: '2102351nqb10k3000123' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.code, 'EQUIPMENT_SN_TAKEN');
      assert.equal(dup.body.issues[0].path, 'sn');
      const otherBrand = await engineer.post('/api/equipment', {
        ...unit,
        brand: 'Dell',
        model: 'PowerVault ME5024',
        sn: '2102351NQB10K3000123',
      });
      assert.equal(otherBrand.status, 201);
      const dell = await engineer.post('/api/equipment', {
        ...unit,
        brand: 'DELL',
        model: 'PowerVault ME5024',
        sn: '2102351NQB10K3000123',
      });
      assert.equal(dell.body.code, 'EQUIPMENT_SN_TAKEN', 'brands compare without case');
      // Editing into a taken SN is refused too; units without SN are not constrained.
      const x = (await engineer.post('/api/equipment', { ...unit, brand: '华为', sn: 'HW-OTHER-1' })).body;
      const clash = await engineer.patch(`/api/equipment/${x.id}`, { version: x.version, sn: '2102351NQB10K3000123' });
      assert.equal(clash.status, 409);
      for (let i = 0; i < 2; i++)
        assert.equal((await engineer.post('/api/equipment', { ...unit, brand: '华为', productType: '硬盘', quantity: 8 })).status, 201);
      const many = await engineer.post('/api/equipment', { ...unit, brand: '华为', sn: 'HW-QTY', quantity: 2 });
      assert.equal(many.status, 400);
      assert.equal(many.body.issues[0].path, 'quantity');
    });

    it('R-GOODS-6 an SN is found from anywhere, exactly and in any case, with its contract (masked per role) and customer, by an index seek', async () => {
      const contract = await makeContract(db(), { totalAmount: 123_454_321 });
      await engineer.post('/api/equipment', {
        contractId: contract.id,
        productType: '防火墙',
        brand: 'Fortinet',
        model: 'FG-200F',
        sn: 'FG200FTK21900123',
      });
      await engineer.post('/api/equipment', {
        contractId: contract.id,
        productType: '防火墙',
        brand: 'Fortinet',
        model: 'FG-200F',
        sn: 'FG200FTK21900124',
      });
      const { client: receiver } = await t.userWith(['receiver']);
      const found = await receiver.get('/api/equipment/by-sn/fg200ftk21900123');
      assert.equal(found.status, 200);
      assert.equal(found.body.sn, 'FG200FTK21900123');
      assert.equal(found.body.items.length, 1, 'exact: no prefix matches');
      const [unit] = found.body.items;
      assert.equal(unit.model, 'FG-200F');
      assert.equal(unit.customer.name, contract.customer.name);
      assert.equal(unit.contract.number, contract.number);
      assert.equal(unit.contract.pricesVisible, false);
      assert.equal(found.text.includes('123454321'), false);
      assert.equal((await sales.get('/api/equipment/by-sn/FG200FTK21900123')).body.items[0].contract.totalAmount, 123_454_321);
      assert.deepEqual((await receiver.get('/api/equipment/by-sn/FG200FTK2190')).body.items, []);

      const plan = (
        await (engine === 'sqlite'
          ? explainSnLookup(db(), 'FG200FTK21900123')
          : db()
              .transaction()
              .execute(async (trx) => {
                await sql`set local enable_seqscan = off`.execute(trx);
                return explainSnLookup(trx, 'FG200FTK21900123');
              }))
      ).join('\n');
      assert.match(plan, /equipment_sn_brand_uq/, plan);
      if (engine === 'sqlite') assert.match(plan, /SEARCH equipment USING INDEX equipment_sn_brand_uq \(sn=\?\)/, plan);
    });

    it('R-PM-5 lists units by contract, customer, model/PN/SN text and warranty state; a contract lists its own units', async () => {
      const contract = await makeContract(db());
      const other = await makeContract(db(), { customerId: contract.customer.id });
      const t0 = today();
      const units = [
        { brand: '浪潮', model: 'NF5280M6', pn: 'NF5280M6-P1', sn: 'INSPUR-001', warrantyEnd: addDays(t0, 400) },
        { brand: '浪潮', model: 'NF5270M6', pn: 'NF5270M6-P1', sn: 'INSPUR-002', warrantyEnd: addDays(t0, 30) },
        { brand: '联想', model: 'ThinkSystem SR650', pn: '7X06A0ABCN', sn: 'J30012AB', warrantyEnd: addDays(t0, -1) },
        { brand: '联想', model: 'ThinkSystem SR630', pn: '7X02A0XYCN', sn: 'J30012AC', warrantyEnd: null },
      ];
      for (const u of units)
        assert.equal((await engineer.post('/api/equipment', { contractId: contract.id, productType: '服务器', ...u })).status, 201);
      await engineer.post('/api/equipment', {
        contractId: other.id,
        productType: 'UPS',
        brand: 'APC',
        model: 'SRT10KXLI',
        sn: 'AS2031123456',
      });
      const sns = async (url: string) => ((await engineer.get(url)).body.items as { sn: string }[]).map((u) => u.sn).sort();
      assert.deepEqual(await sns(`/api/equipment?contractId=${contract.id}`), ['INSPUR-001', 'INSPUR-002', 'J30012AB', 'J30012AC']);
      assert.deepEqual(await sns(`/api/equipment?customerId=${contract.customer.id}`), [
        'AS2031123456',
        'INSPUR-001',
        'INSPUR-002',
        'J30012AB',
        'J30012AC',
      ]);
      assert.deepEqual(await sns(`/api/equipment?customerId=${contract.customer.id}&q=sr65`), ['J30012AB']);
      assert.deepEqual(await sns(`/api/equipment?customerId=${contract.customer.id}&q=inspur-00`), ['INSPUR-001', 'INSPUR-002']);
      assert.deepEqual(await sns(`/api/equipment?customerId=${contract.customer.id}&q=7x02a0`), ['J30012AC']);
      assert.deepEqual(await sns(`/api/equipment?contractId=${contract.id}&warranty=active`), ['INSPUR-001']);
      assert.deepEqual(await sns(`/api/equipment?contractId=${contract.id}&warranty=expiring`), ['INSPUR-002']);
      assert.deepEqual(await sns(`/api/equipment?contractId=${contract.id}&warranty=expired`), ['J30012AB']);
      assert.deepEqual(await sns(`/api/equipment?contractId=${contract.id}&warranty=unknown`), ['J30012AC']);
      const states = (await engineer.get(`/api/contracts/${contract.id}/equipment?sort=sn`)).body.items.map(
        (u: { sn: string; warrantyState: string }) => [u.sn, u.warrantyState],
      );
      assert.deepEqual(states, [
        ['INSPUR-001', 'active'],
        ['INSPUR-002', 'expiring'],
        ['J30012AB', 'expired'],
        ['J30012AC', 'unknown'],
      ]);
      assert.equal((await engineer.get('/api/contracts/999999/equipment')).status, 404);
    });

    it('many units are registered in one transaction with a few inserts, in order; a bad row is named and nothing is kept', async () => {
      const contract = await makeContract(db());
      const rows = Array.from({ length: 2000 }, (_, i) =>
        ZCreateEquipment.parse({
          contractId: contract.id,
          productType: '硬盘',
          brand: 'Seagate',
          model: 'ST4000NM000A',
          sn: `zc1${String(i).padStart(5, '0')}`,
          site: `柜 ${i % 40}`,
        }),
      );
      const started = performance.now();
      const created = await transact(db(), (trx) => createEquipmentMany(trx, systemActor('import'), rows));
      const ms = performance.now() - started;
      console.log(`  ${engine}: 2000 units in ${ms.toFixed(0)} ms`);
      assert.equal(created.length, 2000);
      assert.ok(created.every((u, i) => u.sn === `ZC1${String(i).padStart(5, '0')}`));
      const byId = (await engineer.get(`/api/equipment/${created[1234].id}`)).body;
      assert.equal(byId.sn, 'ZC101234');
      assert.equal((await engineer.get(`/api/equipment?contractId=${contract.id}&pageSize=1`)).body.total, 2000);

      const bad = [...rows.slice(0, 3).map((r) => ({ ...r, sn: `${r.sn}-B` })), { ...rows[0], sn: 'ZC100000' }];
      await assert.rejects(
        transact(db(), (trx) => createEquipmentMany(trx, systemActor('import'), bad)),
        (e: unknown) => e instanceof AppError && e.code === 'EQUIPMENT_SN_TAKEN' && e.issues?.[0].path === '3.sn',
      );
      assert.equal((await engineer.get('/api/equipment/by-sn/ZC100000-B')).body.items.length, 0, 'the failed batch left nothing');
    });

    it('a stale version gets 409, an unknown field 400 naming it, a 403 changes nothing, and every write is audited', async () => {
      const contract = await makeContract(db());
      const u = (
        await engineer.post('/api/equipment', {
          contractId: contract.id,
          productType: '交换机',
          brand: '新华三',
          model: 'S6850-56HF',
          sn: '210235A2DMH190000011',
        })
      ).body;
      const edited = await engineer.patch(`/api/equipment/${u.id}`, { version: u.version, site: '核心机房', hostid: null });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.site, '核心机房');
      const stale = await engineer.patch(`/api/equipment/${u.id}`, { version: u.version, site: '旧' });
      assert.equal(stale.status, 409);
      const unknown = await engineer.post('/api/equipment', {
        contractId: contract.id,
        productType: '交换机',
        brand: '新华三',
        model: 'S6850',
        price: 100,
      });
      assert.deepEqual(
        unknown.body.issues.map((i: { path: string }) => i.path),
        ['price'],
      );
      const { client: receiver } = await t.userWith(['receiver']);
      assert.equal(
        (await receiver.post('/api/equipment', { contractId: contract.id, productType: 'x', brand: 'x', model: 'x' })).status,
        403,
      );
      assert.equal((await receiver.patch(`/api/equipment/${u.id}`, { version: edited.body.version, site: '越权' })).status, 403);
      assert.equal((await receiver.delete(`/api/equipment/${u.id}`)).status, 403);
      assert.equal((await receiver.get(`/api/equipment/${u.id}`)).body.site, '核心机房');
      const missing = await engineer.post('/api/equipment', { contractId: 999999, productType: 'x', brand: 'x', model: 'x' });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.issues[0].path, 'contractId');

      // Removing a unit is a manager's action, with a reason (docs/ARCHITECTURE.md).
      assert.equal((await engineer.delete(`/api/equipment/${u.id}?reason=x`)).status, 403);
      const { client: manager } = await t.userWith(['tech_manager']);
      assert.equal((await manager.delete(`/api/equipment/${u.id}?reason=${encodeURIComponent('重复登记')}`)).status, 200);
      const admin = await t.admin();
      const trail = (await admin.get(`/api/audit?entity=equipment&entityId=${u.id}`)).body.items;
      assert.deepEqual(
        trail.map((e: { action: string }) => e.action),
        ['delete', 'update', 'create'],
      );
      assert.equal(trail[1].after.site, '核心机房');
    });
  });
}
