import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CONTRACT_STAGES, SERVICE_KIND_LABELS, SERVICE_KINDS, type TContractStatus } from '@contract/contracts';
import { normaliseCustomerName } from '@contract/customers';
import type { TRole } from '@contract/roles';
import type { TUser } from '@contract/users';
import { AppError } from '../../app-error';
import { type Client, type TestApp, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { makeCustomer } from '../customers/customers.fixtures';
import { makeContract } from './contracts.fixtures';
import { setContractTotalCap } from './contracts.repo';
import { createContract, explainContractList } from './contracts.service';
import { warrantyEndOf } from './service-commitments';

describe('contract rules (pure)', () => {
  it('R-ORG-2 the lifecycle has the nine stages of the rulebook, with leading and assisting departments and phases', () => {
    const table = CONTRACT_STAGES.map((s) => [s.no, s.code, s.zh, s.lead, s.assist.join('+'), s.phase]);
    assert.deepEqual(table, [
      [1, 'customer_demand', '客户需求', 'sales', 'tech', null],
      [2, 'sales_analysis', '销售分析', 'sales', 'tech', 'pre_sales'],
      [3, 'solution_design', '方案设计', 'tech', 'sales+commerce', 'pre_sales'],
      [4, 'contract_signing', '合同签订', 'sales', 'commerce', null],
      [5, 'commerce_order', '商务下单', 'commerce', 'sales', null],
      [6, 'contract_execution', '合同实施', 'tech', 'sales', 'in_sales'],
      [7, 'project_acceptance', '项目验收', 'tech', 'sales', 'in_sales'],
      [8, 'payment_collection', '合同收款', 'sales', 'commerce', null],
      [9, 'warranty_maintenance', '保修维护', 'tech', 'sales', 'after_sales'],
    ]);
  });

  it('R-SCOPE-1 the six service kinds each have a Chinese and an English label', () => {
    assert.deepEqual(SERVICE_KINDS, [
      'distribution_standard',
      'onsite_maintenance',
      'routine_inspection',
      'consulting',
      'outsourcing',
      'spare_parts',
    ]);
    for (const k of SERVICE_KINDS) assert.ok(SERVICE_KIND_LABELS[k].zh && SERVICE_KIND_LABELS[k].en, k);
  });

  it('a warranty given as start and months ends the day before the same date months later', () => {
    assert.equal(warrantyEndOf('2026-03-01', 36), '2029-02-28');
    assert.equal(warrantyEndOf('2026-01-15', 12), '2027-01-14');
    assert.equal(warrantyEndOf('2026-01-31', 1), '2026-02-27');
    assert.equal(warrantyEndOf('2027-11-30', 3), '2028-02-28');
  });
});

const CANARY = { total: 987654321, unitPrices: [13579135, 24680246] };
const CANARY_DIGITS = ['987654321', '13579135', '24680246'];

for (const engine of engines()) {
  describe(`contracts (${engine})`, () => {
    let t: TestApp;
    let admin: Client;
    const as = new Map<TRole, { client: Client; user: TUser }>();
    const client = (role: TRole) => as.get(role)?.client as Client;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.admin();
      for (const role of ['sales', 'commerce', 'tech_manager', 'project_manager', 'engineer', 'receiver'] as const)
        as.set(role, await t.userWith([role]));
    });
    after(() => t.close());

    const db = () => t.app.deps.database.db;
    const newCustomer = async () => (await makeCustomer(db())).id;
    const contractBody = async (over: Record<string, unknown> = {}) => ({
      customerId: await newCustomer(),
      serviceKinds: ['onsite_maintenance'],
      signedAt: '2026-02-01',
      startDate: '2026-02-01',
      endDate: '2027-01-31',
      ...over,
    });
    const actions = async (id: number) =>
      ((await admin.get(`/api/audit?entity=contract&entityId=${id}`)).body.items as { action: string }[]).map((e) => e.action);

    it('R-SCOPE-1 every service kind is selectable, alone or together; an unknown kind is refused naming the field', async () => {
      const sales = client('sales');
      for (const kind of SERVICE_KINDS) {
        const r = await sales.post('/api/contracts', await contractBody({ serviceKinds: [kind] }));
        assert.equal(r.status, 201, kind);
        assert.deepEqual(r.body.serviceKinds, [kind]);
        const listed = await sales.get(`/api/contracts?serviceKind=${kind}&customerId=${r.body.customer.id}`);
        assert.equal(listed.body.total, 1, kind);
      }
      const all = await sales.post('/api/contracts', await contractBody({ serviceKinds: [...SERVICE_KINDS].reverse() }));
      assert.equal(all.status, 201);
      assert.deepEqual(all.body.serviceKinds, SERVICE_KINDS, 'kept in the order of R-SCOPE-1');
      const listedAll = await sales.get(`/api/contracts?customerId=${all.body.customer.id}`);
      assert.deepEqual(
        listedAll.body.items.find((c: { id: number }) => c.id === all.body.id)?.serviceKinds,
        SERVICE_KINDS,
        'the list carries them in the same order',
      );

      const unknown = await sales.post('/api/contracts', await contractBody({ serviceKinds: ['onsite_maintenance', 'cleaning'] }));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.issues[0].path, 'serviceKinds.1');
      const none = await sales.post('/api/contracts', await contractBody({ serviceKinds: [] }));
      assert.equal(none.status, 400);
      assert.equal(none.body.issues[0].path, 'serviceKinds');
    });

    it('R-SCOPE-2 a distribution-only contract is remote-only by default; on-site kinds cannot be remote-only', async () => {
      const sales = client('sales');
      const dist = await sales.post('/api/contracts', await contractBody({ serviceKinds: ['distribution_standard'] }));
      assert.equal(dist.body.commitments.remoteOnly, true);
      const mixed = await sales.post('/api/contracts', await contractBody({ serviceKinds: ['distribution_standard', 'spare_parts'] }));
      assert.equal(mixed.body.commitments.remoteOnly, false);
      const chosen = await sales.post(
        '/api/contracts',
        await contractBody({ serviceKinds: ['distribution_standard'], commitments: { remoteOnly: false } }),
      );
      assert.equal(chosen.body.commitments.remoteOnly, false);
      const refused = await sales.post(
        '/api/contracts',
        await contractBody({ serviceKinds: ['onsite_maintenance'], commitments: { remoteOnly: true } }),
      );
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, 'CONTRACT_REMOTE_ONLY_ONSITE');
      assert.equal(refused.body.issues[0].path, 'commitments.remoteOnly');
      // Adding an on-site kind to a remote-only contract makes it on-site.
      const widened = await sales.patch(`/api/contracts/${dist.body.id}`, {
        version: dist.body.version,
        serviceKinds: ['distribution_standard', 'onsite_maintenance'],
      });
      assert.equal(widened.status, 200);
      assert.equal(widened.body.commitments.remoteOnly, false);
    });

    it('service commitments: coverage window, targets, PM, visits, training, warranty and vendor value-added service', async () => {
      const sales = client('sales');
      const r = await sales.post(
        '/api/contracts',
        await contractBody({
          serviceKinds: ['onsite_maintenance', 'routine_inspection', 'consulting'],
          commitments: {
            coverage: { kind: 'custom', days: [6, 1, 2, 3, 4, 5], startHour: 8, endHour: 20 },
            responseHours: 0.5,
            arrivalHours: 4,
            resolutionHours: 24,
            pmVisitsPerYear: 4,
            onsiteVisitsIncluded: 12,
            trainingDays: 2,
            trainingAttendees: 10,
            warrantyStart: '2026-02-01',
            warrantyMonths: 36,
            vendorExtraYears: 2,
            vendorScope: '原厂硬件延保',
            vendorRegion: '华北',
          },
        }),
      );
      assert.equal(r.status, 201);
      const c = r.body.commitments;
      assert.deepEqual(c.coverage, { kind: 'custom', days: [1, 2, 3, 4, 5, 6], startHour: 8, endHour: 20 });
      assert.equal(c.responseHours, 0.5);
      assert.equal(c.warrantyEnd, '2029-01-31');
      assert.equal(c.vendorScope, '原厂硬件延保');
      assert.equal(c.remoteOnly, false);
      const edited = await sales.patch(`/api/contracts/${r.body.id}`, {
        version: r.body.version,
        commitments: { coverage: { kind: '7x24' }, arrivalHours: 2 },
      });
      assert.deepEqual(edited.body.commitments.coverage, { kind: '7x24', days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 });
      assert.equal(edited.body.commitments.arrivalHours, 2);
      assert.equal(edited.body.commitments.pmVisitsPerYear, 4, 'fields not sent are kept');
      const preset = await sales.post('/api/contracts', await contractBody());
      assert.deepEqual(preset.body.commitments.coverage, { kind: '5x8', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 });

      const badWindow = await sales.post(
        '/api/contracts',
        await contractBody({ commitments: { coverage: { kind: 'custom', days: [1], startHour: 18, endHour: 9 } } }),
      );
      assert.equal(badWindow.status, 400);
      assert.equal(badWindow.body.issues[0].path, 'commitments.coverage.endHour');
      const badWarranty = await sales.post(
        '/api/contracts',
        await contractBody({ commitments: { warrantyStart: '2026-05-01', warrantyEnd: '2026-04-01' } }),
      );
      assert.equal(badWarranty.body.issues[0].path, 'commitments.warrantyEnd');
      const badDates = await sales.post('/api/contracts', await contractBody({ startDate: '2026-05-01', endDate: '2026-04-30' }));
      assert.equal(badDates.status, 400);
      assert.equal(badDates.body.issues[0].path, 'endDate');
      const patchDates = await sales.patch(`/api/contracts/${r.body.id}`, { version: edited.body.version, endDate: '2025-01-01' });
      assert.equal(patchDates.body.issues[0].path, 'endDate');
    });

    it('contract numbers are unique; without one a number is allocated; items default their amount and the total', async () => {
      const sales = client('sales');
      const a = await sales.post('/api/contracts', await contractBody({ number: 'BJ-HX-2026-018' }));
      assert.equal(a.status, 201);
      const dup = await sales.post('/api/contracts', await contractBody({ number: 'BJ-HX-2026-018' }));
      assert.equal(dup.status, 409);
      assert.equal(dup.body.code, 'CONTRACT_NUMBER_TAKEN');
      const auto = await sales.post(
        '/api/contracts',
        await contractBody({
          items: [
            { description: '服务器', model: 'RH2288H V5', quantity: 2, unitPrice: 4_500_000 },
            { description: '安装服务', quantity: 1, unitPrice: 300_000, amount: 250_000 },
          ],
        }),
      );
      assert.match(auto.body.number, /^HT-2026-\d{5}$/);
      assert.deepEqual(
        auto.body.items.map((i: { lineNo: number; amount: number }) => [i.lineNo, i.amount]),
        [
          [1, 9_000_000],
          [2, 250_000],
        ],
      );
      assert.equal(auto.body.totalAmount, 9_250_000);
    });

    it('R-ORG-5 amounts and priced items are never written by a role that may not see them', async () => {
      const customerId = await newCustomer();
      const tm = { id: as.get('tech_manager')?.user.id ?? null, name: 'tm', roles: ['tech_manager'] as TRole[], requestId: null };
      await assert.rejects(
        createContract(db(), tm, {
          customerId,
          serviceKinds: ['consulting'],
          status: 'draft',
          stage: 'customer_demand',
          items: [{ description: 'x', quantity: 1, unitPrice: 1 }],
          commitments: {},
        }),
        (e: unknown) => e instanceof AppError && e.code === 'CONTRACT_PRICES_HIDDEN',
      );
    });

    it('R-ORG-5 technical roles and receivers get no amount or price on any route; sales and commerce do', async () => {
      const customer = await makeCustomer(db(), {
        name: '金丝雀银行股份有限公司',
        contacts: [{ name: '金经理', phones: ['13912345678'] }],
      });
      const contract = (
        await client('sales').post('/api/contracts', {
          customerId: customer.id,
          number: 'CANARY-001',
          serviceKinds: ['onsite_maintenance', 'spare_parts'],
          signedAt: '2026-03-01',
          totalAmount: CANARY.total,
          items: CANARY.unitPrices.map((unitPrice, i) => ({
            description: `磁盘阵列 ${i + 1}`,
            model: 'OceanStor 5300',
            quantity: 1,
            unitPrice,
          })),
        })
      ).body;
      assert.equal(contract.totalAmount, CANARY.total);
      const unit = (
        await client('engineer').post('/api/equipment', {
          contractId: contract.id,
          productType: '磁盘阵列',
          brand: '华为',
          model: 'OceanStor 5300',
          sn: 'CANARY-SN-1',
        })
      ).body;
      assert.ok(unit.id);

      const ids: Record<string, string> = { customers: String(customer.id), contracts: String(contract.id), equipment: String(unit.id) };
      const query: Record<string, string> = {
        '/api/customers/check-name': `?name=${encodeURIComponent(customer.name)}`,
        '/api/customers/by-phone': '?phone=13912345678',
        '/api/contracts': `?customerId=${customer.id}`,
        '/api/equipment': `?contractId=${contract.id}`,
      };
      // The read routes of this area: customers (with industries), contracts, equipment.
      const mine = t.app.declaredRoutes.filter(
        (r) =>
          r.method === 'GET' &&
          ['customers.read', 'contracts.read', 'equipment.read'].includes(r.permission) &&
          /^\/api\/(industries|customers|contracts|equipment)(\/|$)/.test(r.url),
      );
      const urls = mine.map((r) => {
        const resource = r.url.split('/')[2];
        return r.url.replace(':id', ids[resource]).replace(':sn', 'canary-sn-1') + (query[r.url] ?? '');
      });
      assert.ok(
        urls.every((u) => !u.includes(':')),
        'every route got concrete parameters',
      );
      assert.ok(urls.length >= 12, `${urls.length} GET routes`);
      if (t.app.declaredRoutes.some((r) => r.url === '/api/search'))
        urls.push('/api/search?q=CANARY-001', `/api/search?q=${encodeURIComponent('金丝雀')}`);

      const leaks: string[] = [];
      for (const role of ['engineer', 'project_manager', 'tech_manager', 'receiver'] as const) {
        for (const url of urls) {
          const r = await client(role).get(url);
          if (r.status !== 200) leaks.push(`${role} ${url} → ${r.status}`);
          for (const digits of CANARY_DIGITS) if (r.text.includes(digits)) leaks.push(`${role} ${url}: ${digits}`);
          if (/amount|unitprice/i.test(r.text)) leaks.push(`${role} ${url}: price field`);
        }
      }
      // Answers to writes a technical role may make are masked too.
      const moved = await client('tech_manager').post(`/api/contracts/${contract.id}/stage`, { stage: 'solution_design' });
      assert.equal(moved.status, 200);
      for (const text of [moved.text])
        if (CANARY_DIGITS.some((d) => text.includes(d)) || /amount|unitprice/i.test(text)) leaks.push('stage move answer');
      assert.deepEqual(leaks, []);

      const masked = (await client('engineer').get(`/api/contracts/${contract.id}`)).body;
      assert.equal(masked.pricesVisible, false);
      assert.deepEqual(
        masked.items.map((i: { description: string; quantity: number }) => [i.description, i.quantity]),
        [
          ['磁盘阵列 1', 1],
          ['磁盘阵列 2', 1],
        ],
        'what and how many stay visible',
      );

      const priced = [
        '/api/contracts',
        '/api/contracts/:id',
        '/api/customers/:id/contracts',
        '/api/equipment/:id',
        '/api/equipment/by-sn/:sn',
      ];
      for (const role of ['sales', 'commerce'] as const) {
        for (const [i, url] of urls.entries()) {
          if (!priced.includes(mine[i]?.url ?? '')) continue;
          const text = (await client(role).get(url)).text;
          assert.ok(text.includes(String(CANARY.total)), `${role} sees the total on ${url}`);
          assert.ok(text.includes('"totalAmount"'), `${role} ${url}`);
        }
        const detail = await client(role).get(`/api/contracts/${contract.id}`);
        assert.equal(detail.body.pricesVisible, true);
        assert.deepEqual(
          detail.body.items.map((i: { unitPrice: number }) => i.unitPrice),
          CANARY.unitPrices,
        );
      }
    });

    it('R-ORG-2 a contract moves through the stages; it shows who leads it now and keeps every change', async () => {
      const salesUser = as.get('sales')?.user as TUser;
      const commerceUser = as.get('commerce')?.user as TUser;
      const c = (
        await client('sales').post('/api/contracts', await contractBody({ salesOwnerId: salesUser.id, commerceContactId: commerceUser.id }))
      ).body;
      assert.equal(c.stage, 'customer_demand');
      assert.deepEqual(c.stageLead, { department: 'sales', user: { id: salesUser.id, name: salesUser.name } });

      // R-ORG-4: the project manager moves the stages of his own project's contracts.
      const project = await client('tech_manager').post('/api/projects', {
        code: `STAGES-${c.id}`,
        name: '阶段推进项目',
        projectManagerId: as.get('project_manager')?.user.id,
        contractIds: [c.id],
      });
      assert.equal(project.status, 201, project.text);

      const moves: [TRole, string, string][] = [
        ['sales', 'sales_analysis', '客户预算已确认'],
        ['tech_manager', 'solution_design', '技术方案评审'],
        ['commerce', 'contract_signing', ''],
        ['sales', 'commerce_order', '合同已签'],
        ['commerce', 'contract_execution', '已下单'],
        // Without a signed acceptance report only the technical manager's written override passes (R-INST-8).
        ['tech_manager', 'project_acceptance', '安装完成'],
        ['sales', 'payment_collection', '验收通过'],
        ['tech_manager', 'warranty_maintenance', '进入保修'],
      ];
      for (const [role, stage, note] of moves) {
        const override = stage === 'project_acceptance' ? { override: { reason: '验收报告原件在客户处盖章' } } : {};
        const r = await client(role).post(`/api/contracts/${c.id}/stage`, { stage, note: note || null, ...override });
        assert.equal(r.status, 200, `${role} → ${stage}: ${r.text}`);
        assert.equal(r.body.stage, stage);
      }
      const detail = (await client('sales').get(`/api/contracts/${c.id}`)).body;
      assert.deepEqual(detail.stageLead, { department: 'tech', user: null });
      const stages = (await client('engineer').get(`/api/contracts/${c.id}/stages`)).body;
      assert.equal(stages.stage, 'warranty_maintenance');
      assert.equal(stages.stageLead.department, 'tech');
      assert.deepEqual(
        stages.items.map((s: { fromStage: string | null; toStage: string }) => `${s.fromStage}→${s.toStage}`),
        ['null→customer_demand', ...moves.map(([, stage], i) => `${i === 0 ? 'customer_demand' : moves[i - 1][1]}→${stage}`)],
      );
      assert.equal(stages.items[1].note, '客户预算已确认');
      assert.equal(stages.items[1].by.id, salesUser.id);
      assert.ok(stages.items.every((s: { at: string }) => !Number.isNaN(Date.parse(s.at))));
      assert.deepEqual(detail.stageHistory, stages.items);
      assert.equal((await actions(c.id)).filter((a) => a === 'stage').length, moves.length);
    });

    it('R-ORG-2 a role outside the departments of the current and target stage is refused, and nothing changes', async () => {
      const c = (await client('sales').post('/api/contracts', await contractBody({ stage: 'contract_execution' }))).body;
      const refused = await client('commerce').post(`/api/contracts/${c.id}/stage`, { stage: 'project_acceptance', note: '越权' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'CONTRACT_STAGE_NOT_YOURS');
      assert.equal(refused.body.rule, 'R-ORG-2');
      const engineer = await client('engineer').post(`/api/contracts/${c.id}/stage`, { stage: 'project_acceptance' });
      assert.equal(engineer.status, 403);
      assert.equal(engineer.body.code, 'PERMISSION_DENIED');
      const after = (await admin.get(`/api/contracts/${c.id}`)).body;
      assert.equal(after.stage, 'contract_execution');
      assert.equal(after.version, c.version);
      assert.equal(after.stageHistory.length, 1);
      assert.deepEqual(await actions(c.id), ['create']);
      // The same role may move it where its department takes part.
      assert.equal((await client('commerce').post(`/api/contracts/${c.id}/stage`, { stage: 'payment_collection' })).status, 200);
      const same = await client('sales').post(`/api/contracts/${c.id}/stage`, { stage: 'payment_collection' });
      assert.equal(same.status, 422);
      assert.equal(same.body.code, 'CONTRACT_STAGE_UNCHANGED');
    });

    it('lists contracts by search, customer, kind, status, stage, sales owner and end date, newest signed first', async () => {
      const sales = client('sales');
      const owner = as.get('sales')?.user.id as number;
      const customer = await makeCustomer(db(), { name: '深圳湾列表测试有限公司' });
      const made = [];
      for (const [signedAt, status, endDate] of [
        ['2025-06-01', 'active', '2026-05-31'],
        [null, 'draft', null],
        ['2026-04-01', 'active', '2027-03-31'],
        ['2024-01-01', 'expired', '2024-12-31'],
      ] as const) {
        made.push(
          (
            await sales.post('/api/contracts', {
              customerId: customer.id,
              serviceKinds: ['routine_inspection'],
              signedAt,
              status,
              endDate,
              salesOwnerId: owner,
            })
          ).body,
        );
      }
      const numbers = (url: string) => sales.get(url).then((r) => r.body.items.map((c: { number: string }) => c.number));
      const [a, draft, b, old] = made.map((c) => c.number);
      assert.deepEqual(await numbers(`/api/contracts?customerId=${customer.id}`), [b, a, old, draft], '-signedAt, unsigned last');
      assert.deepEqual(await numbers(`/api/contracts?customerId=${customer.id}&sort=signedAt`), [draft, old, a, b]);
      assert.deepEqual(await numbers(`/api/contracts?customerId=${customer.id}&status=active`), [b, a]);
      assert.deepEqual(await numbers(`/api/customers/${customer.id}/contracts?status=expired`), [old]);
      assert.deepEqual(await numbers(`/api/contracts?customerId=${customer.id}&endFrom=2026-01-01&endTo=2026-12-31`), [a]);
      assert.deepEqual(await numbers(`/api/contracts?salesOwnerId=${owner}&customerId=${customer.id}&stage=customer_demand&pageSize=2`), [
        b,
        a,
      ]);
      assert.deepEqual(await numbers(`/api/contracts?q=${encodeURIComponent('深圳湾列表')}&status=draft`), [draft]);
      assert.deepEqual(await numbers(`/api/contracts?q=${encodeURIComponent(a)}`), [a]);
      assert.equal((await sales.get(`/api/customers/999999/contracts`)).status, 404);
    });

    it("R-ORG-6 the archive list's free-text filter takes its candidates from the search index and finds exactly what a contains match finds (Chinese 1- and 2-character terms, number fragments, customer name)", async () => {
      const sales = client('sales');
      const names = ['华讯数据科技有限公司', '北方华讯网络工程', 'Ａｂｃdef Systems', '鹏程硬盘 柜业'];
      const made: { number: string }[] = [];
      for (const [i, name] of names.entries()) {
        const customer = await makeCustomer(db(), { name });
        for (const notes of ['机房硬盘柜巡检', '存储 维保', null])
          made.push(
            (
              await sales.post('/api/contracts', {
                customerId: customer.id,
                serviceKinds: ['routine_inspection'],
                signedAt: `2026-0${1 + i}-1${made.length % 10}`,
                status: i % 2 ? 'active' : 'draft',
                notes,
              })
            ).body,
          );
      }
      const number = made[4].number;
      // The reference: the LIKE the list always ran, over every contract (other tests' too).
      const reference = async (q: string, status?: TContractStatus) => {
        const text = `%${q.replace(/[\\%_]/g, '')}%`;
        const name = `%${normaliseCustomerName(q).replace(/[\\%_]/g, '')}%`;
        let query = db()
          .selectFrom('contract')
          .innerJoin('customer', 'customer.id', 'contract.customer_id')
          .select('contract.number')
          .where((eb) =>
            eb.or([eb('contract.number', 'like', text), eb('customer.name_key', 'like', name), eb('contract.notes', 'like', text)]),
          );
        if (status) query = query.where('contract.status', '=', status);
        return (await query.execute()).map((r) => r.number).sort();
      };
      const listed = async (q: string, status?: string) => {
        const r = await sales.get(`/api/contracts?q=${encodeURIComponent(q)}&pageSize=100${status ? `&status=${status}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.total, r.body.items.length);
        return (r.body.items as { number: string }[]).map((c) => c.number);
      };
      const terms = [
        '华', // one character: its unigram
        '华讯', // two: a bigram, in two customers' names
        '讯网',
        '硬盘柜', // notes, and a name where a space splits it (the index's bigram 盘柜 spans it; the LIKE does not)
        '盘柜',
        '鲲鹏', // nothing
        names[0], // a whole customer name
        number, // a whole number, and fragments of it
        number.slice(3),
        number.slice(-4),
        number.slice(1, 9).toLowerCase(),
        'abcdef', // letters only, full-width in the name: the LIKE alone (no 3-grams for such words)
        'ht',
        '%华讯_',
      ];
      let found = 0;
      for (const q of terms)
        for (const status of [undefined, 'active' as const]) {
          const got = await listed(q, status);
          assert.deepEqual([...got].sort(), await reference(q, status), `q=${q} status=${status}`);
          found += got.length;
        }
      assert.ok(found > 20, 'the terms do find contracts');
      // Newest signed first, as without q.
      const ordered = await listed('华讯');
      assert.deepEqual(
        ordered,
        [...made.slice(0, 6)].reverse().map((c) => c.number),
      );
      if (engine === 'sqlite') {
        const plan = (await explainContractList(db(), { page: 1, pageSize: 50, sort: '-signedAt', q: '华讯', status: 'active' })).join(
          '\n',
        );
        assert.match(plan, /json_each/, plan);
        assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      }
    });

    it('filtering by status or stage and sorting by signing date reads an index in order (no sort step)', async () => {
      for (const filter of [{ status: 'active' as const }, { stage: 'contract_execution' as const }]) {
        const q = { page: 1, pageSize: 50, sort: '-signedAt' as const, ...filter };
        if (engine === 'sqlite') {
          const plan = (await explainContractList(db(), q)).join('\n');
          assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
          assert.match(plan, /contract_(status|stage)_signed_idx/, plan);
        } else {
          // Small test tables make a sequential scan cheapest; forbid it to see the index path exists.
          const plan = await db()
            .transaction()
            .execute(async (trx) => {
              await sql`set local enable_seqscan = off`.execute(trx);
              return (await explainContractList(trx, q)).join('\n');
            });
          assert.match(plan, /contract_(status|stage)_signed_idx/, plan);
          assert.doesNotMatch(plan, /Sort/, plan);
        }
      }
    });

    it('R-ORG-6 the archive list counts its total up to a cap and says so (totalCapped); a deeper page is counted to its end, so the next one stays reachable', async () => {
      const sales = client('sales');
      const customerId = await newCustomer();
      for (const signedAt of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'])
        assert.equal((await sales.post('/api/contracts', await contractBody({ customerId, signedAt, notes: '封顶计数' }))).status, 201);
      const was = setContractTotalCap(2);
      try {
        const page = async (query: string) => {
          const r = await sales.get(`/api/contracts?customerId=${customerId}&${query}`);
          assert.equal(r.status, 200, r.text);
          return { total: r.body.total, totalCapped: r.body.totalCapped, items: r.body.items.length };
        };
        assert.deepEqual(await page('pageSize=1'), { total: 2, totalCapped: true, items: 1 });
        assert.deepEqual(await page('pageSize=2&page=2'), { total: 4, totalCapped: true, items: 2 });
        assert.deepEqual(await page('pageSize=2&page=3'), { total: 5, totalCapped: false, items: 1 });
        assert.deepEqual(await page('pageSize=2&page=4'), { total: 5, totalCapped: false, items: 0 }, 'past the end: still counted');
        assert.deepEqual(await page(`q=${encodeURIComponent('封顶计数')}&pageSize=1`), { total: 2, totalCapped: true, items: 1 });
        assert.deepEqual(await page('status=expired'), { total: 0, totalCapped: false, items: 0 });
        const r = await sales.get(`/api/customers/${customerId}/contracts?pageSize=1`);
        assert.deepEqual([r.body.total, r.body.totalCapped], [2, true]);
      } finally {
        setContractTotalCap(was);
      }
      // Uncapped, the same lists count exactly.
      const r = await sales.get(`/api/contracts?customerId=${customerId}&q=${encodeURIComponent('封顶计数')}&pageSize=1`);
      assert.deepEqual([r.body.total, r.body.totalCapped], [5, false]);
    });

    it("R-ORG-6 a customer's contracts filtered by status and stage are read from one index in list order (no sort step, no other customer's rows)", async () => {
      const q = {
        page: 1,
        pageSize: 50,
        sort: '-signedAt' as const,
        customerId: 1,
        status: 'active' as const,
        stage: 'contract_execution' as const,
      };
      if (engine === 'sqlite') {
        const plan = (await explainContractList(db(), q)).join('\n');
        assert.match(plan, /contract_customer_status_stage_signed_idx \(customer_id=\? AND status=\? AND stage=\?\)/, plan);
        assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
      } else {
        const plan = await db()
          .transaction()
          .execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            return (await explainContractList(trx, q)).join('\n');
          });
        assert.match(plan, /contract_customer_status_stage_signed_idx/, plan);
        assert.doesNotMatch(plan, /Sort/, plan);
      }
    });

    it('a stale version gets 409; an unknown field gets 400 naming it; a 403 changes nothing; every write is audited', async () => {
      const sales = client('sales');
      const c = (await sales.post('/api/contracts', await contractBody())).body;
      const edited = await sales.patch(`/api/contracts/${c.id}`, { version: c.version, status: 'active', notes: '已生效' });
      assert.equal(edited.status, 200);
      const stale = await sales.patch(`/api/contracts/${c.id}`, { version: c.version, notes: '旧' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'VERSION_CONFLICT');

      const unknown = await sales.post('/api/contracts', await contractBody({ discount: 5 }));
      assert.equal(unknown.status, 400);
      assert.deepEqual(
        unknown.body.issues.map((i: { path: string }) => i.path),
        ['discount'],
      );
      const nested = await sales.post('/api/contracts', await contractBody({ commitments: { slaHours: 4 } }));
      assert.equal(nested.body.issues[0].path, 'commitments.slaHours');

      const before = (await admin.get('/api/contracts')).body.total;
      for (const role of ['engineer', 'tech_manager', 'project_manager', 'receiver'] as const) {
        assert.equal((await client(role).post('/api/contracts', await contractBody())).status, 403, role);
        assert.equal((await client(role).patch(`/api/contracts/${c.id}`, { version: edited.body.version, notes: 'x' })).status, 403, role);
        assert.equal((await client(role).delete(`/api/contracts/${c.id}`)).status, 403, role);
      }
      assert.equal((await admin.get('/api/contracts')).body.total, before);
      assert.equal((await admin.get(`/api/contracts/${c.id}`)).body.notes, '已生效');

      await sales.post(`/api/contracts/${c.id}/stage`, { stage: 'sales_analysis' });
      const notDraft = await sales.delete(`/api/contracts/${c.id}`);
      assert.equal(notDraft.status, 422);
      assert.equal(notDraft.body.code, 'CONTRACT_NOT_DRAFT');
      const trail = (await admin.get(`/api/audit?entity=contract&entityId=${c.id}`)).body.items;
      assert.deepEqual(
        trail.map((e: { action: string }) => e.action),
        ['stage', 'update', 'create'],
      );
      assert.equal(trail[1].before.status, 'draft');
      assert.equal(trail[1].after.status, 'active');

      const draft = (await sales.post('/api/contracts', await contractBody())).body;
      assert.equal((await sales.delete(`/api/contracts/${draft.id}`)).status, 200);
      assert.equal((await sales.get(`/api/contracts/${draft.id}`)).status, 404);
      assert.deepEqual(await actions(draft.id), ['delete', 'create']);
      const withUnit = await makeContract(db());
      await client('engineer').post('/api/equipment', { contractId: withUnit.id, productType: '交换机', brand: '新华三', model: 'S5130' });
      const inUse = await sales.delete(`/api/contracts/${withUnit.id}`);
      assert.equal(inUse.status, 422);
      assert.equal(inUse.body.code, 'CONTRACT_IN_USE');
    });
  });
}
