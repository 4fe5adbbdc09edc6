import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { ZCreateEquipment } from '@contract/equipment';
import { sql } from 'kysely';
import { systemActor } from '../../actor';
import { makeContract } from '../contracts/contracts.fixtures';
import { createEquipment } from '../equipment/equipment.service';
import { transact } from '../../db/transaction';
import { movePendingEntries, PENDING_BATCH, queueNewRequest, requestTokens, requestTokensSql } from './service-requests.search.repo';
import { serviceRequestForm } from './service-requests.fixtures';

/**
 * The create path builds the new request from what it wrote and read, without reading it back:
 * what it answers (and audits) must be what a later read shows.
 */
const ROLES = {
  tm: ['tech_manager'],
  eng1: ['engineer'],
  eng2: ['engineer'],
  pm: ['project_manager', 'engineer'],
  sales: ['sales'],
} satisfies Record<string, TRole[]>;

for (const engine of engines()) {
  describe(`service request create path (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    let contractId: number;
    let customerId: number;
    let otherContractId: number;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
      const c = await makeContract(db(), {
        status: 'active',
        commitments: { coverage: { kind: '5x8' }, responseHours: 4, arrivalHours: 8 },
      });
      contractId = c.id;
      customerId = c.customer.id;
      otherContractId = (await makeContract(db(), { status: 'active' })).id;
    });
    after(() => t.close());

    const base = () => serviceRequestForm({ customerId, contractId });
    const same = async (created: any) => {
      const read = (await u.tm.client.get(`/api/service-requests/${created.id}`)).body;
      const strip = ({ sla: _s, allowedActions: _a, warnings: _w, ...rest }: any) => rest;
      assert.deepEqual(strip(created), strip(read));
      assert.deepEqual(created.allowedActions, read.allowedActions);
      assert.deepEqual(created.sla, read.sla);
    };

    it('issued with backup engineer, project and plan: the answer is the stored request', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `PC-${engine}`,
        name: '机房改造',
        customerId,
        contractIds: [contractId],
        projectManagerId: u.pm.user.id,
        memberIds: [u.eng1.user.id],
      });
      assert.equal(p.status, 201, p.text);
      const r = await u.tm.client.post('/api/service-requests', {
        ...base(),
        responsibleEngineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        projectId: p.body.id,
        plannedStart: '2031-03-03T01:00:00.000Z',
        plannedEnd: '2031-03-03T05:00:00.000Z',
        priority: 'high',
        remarks: '带备件',
        issue: true,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.issuedBy.id, u.tm.user.id);
      assert.equal(r.body.backupEngineer.name, u.eng2.user.name);
      assert.equal(r.body.projectManager.id, u.pm.user.id);
      await same(r.body);
      const notices = ((await u.eng2.client.get('/api/notifications?pageSize=200')).body.items as any[]).filter(
        (n) => n.entityId === r.body.id,
      );
      assert.equal(notices.length, 1);
    });

    it('draft, urgent and consulting without contract: the answer is the stored request', async () => {
      const draft = await u.tm.client.post('/api/service-requests', base());
      assert.equal(draft.status, 201, draft.text);
      await same(draft.body);
      const urgent = await u.tm.client.post('/api/service-requests', {
        urgent: true,
        kind: 'emergency_repair',
        customerId,
        description: '机房断电',
        responsibleEngineerId: u.eng1.user.id,
      });
      assert.equal(urgent.status, 201, urgent.text);
      assert.equal(urgent.body.incomplete, true);
      await same(urgent.body);
      const consulting = await u.tm.client.post('/api/service-requests', { ...base(), kind: 'consulting', contractId: null });
      assert.equal(consulting.status, 201, consulting.text);
      await same(consulting.body);
    });

    it('R-FLOW-1 a new request is written whole: its number, text-index entry, notices and audit row as the request itself says', async () => {
      const unit = await createEquipment(
        db(),
        systemActor('test'),
        ZCreateEquipment.parse({ contractId, productType: '存储', brand: '华为', model: 'OceanStor 5300', sn: `SN-CREATE-${engine}` }),
        '2026-11-27',
      );
      const r = await u.tm.client.post('/api/service-requests', {
        ...base(),
        responsibleEngineerId: u.eng1.user.id,
        backupEngineerId: u.eng2.user.id,
        equipmentIds: [unit.id],
        issue: true,
      });
      assert.equal(r.status, 201, r.text);
      const { id, number } = r.body;
      assert.match(number, /^SR-\d{4}-\d{5,}$/);
      assert.deepEqual(
        r.body.equipment.map((e: { id: number }) => e.id),
        [unit.id],
      );
      await same(r.body);
      // The audit row's `after` is the request as answered (without what is computed on reading).
      const audit = await sql<{ entity_id: string; after: string; action: string }>`select entity_id, after, action from audit_event
        where entity = 'service_request' and entity_id = ${String(id)}`.execute(db());
      assert.equal(audit.rows.length, 1);
      assert.equal(audit.rows[0].action, 'create_issued');
      const { sla: _s, allowedActions: _a, warnings: _w, equipment: _e, pauses: _p, ...request } = r.body;
      assert.deepEqual(JSON.parse(audit.rows[0].after), request);
      // Each engineer told once, with the number and the customer in the title.
      const notices = await sql<{
        user_id: number;
        title_zh: string;
        title_en: string;
        dedupe_key: string;
      }>`select user_id, title_zh, title_en, dedupe_key
        from notification where entity = 'service_request' and entity_id = ${id} order by user_id`.execute(db());
      assert.deepEqual(
        notices.rows.map((n) => [Number(n.user_id), n.title_zh, n.title_en, n.dedupe_key]),
        [u.eng1.user.id, u.eng2.user.id]
          .sort((a, b) => a - b)
          .map((e) => [
            e,
            `服务要求单 ${number} 已指派给您：${r.body.customer.name}`,
            `Service request ${number} assigned to you: ${r.body.customer.name}`,
            `assign:${id}:${e}:v1`,
          ]),
      );
      // The text-index entry holds exactly the tokens of the request's fields, number included.
      const tokens = requestTokens({
        number,
        customer_name: r.body.customer.name,
        contact_name: r.body.contactName,
        description: r.body.description,
      });
      if (engine === 'postgres') {
        const same = await sql<{
          ok: boolean;
        }>`select tsv = strip(to_tsvector('simple', ${tokens})) as ok from service_request_search where id = ${id}`.execute(db());
        assert.equal(same.rows[0]?.ok, true);
        // The statement's tokens of a number it draws agree with the tokenizer's, at any width.
        const fields = { customer_name: '华为', contact_name: null, description: 'SR-2025-7 硬盘' };
        for (const digits of ['00001', '00042', '09999', '12345', '100000', '2147483648']) {
          const expected = requestTokens({ ...fields, number: `SR-2026-${digits}` });
          const got = await sql<{
            ok: boolean;
          }>`select strip(to_tsvector('simple', ${requestTokensSql(fields, 'SR-2026-', sql<string>`${digits}::text`)}))
            = strip(to_tsvector('simple', ${expected})) as ok`.execute(db());
          assert.equal(got.rows[0].ok, true, digits);
        }
      } else {
        // Waiting for the index, with exactly these tokens; found by them once moved, and no longer waiting.
        const waiting = await sql<{ tokens: string }>`select tokens from service_request_search_pending where id = ${id}`.execute(db());
        assert.deepEqual(waiting.rows, [{ tokens }]);
        const foundWaiting = await u.tm.client.get(`/api/service-requests?q=${encodeURIComponent(number.slice(-7))}`);
        assert.ok(
          foundWaiting.body.items.some((i: { id: number }) => i.id === id),
          foundWaiting.text,
        );
        await transact(db(), (trx) => movePendingEntries(trx));
        const hit = await sql<{ id: number }>`select rowid as id from service_request_fts where service_request_fts match ${tokens
          .split(' ')
          .map((t) => `"${t}"`)
          .join(' AND ')}`.execute(db());
        assert.deepEqual(
          hit.rows.map((h) => Number(h.id)),
          [id],
        );
        assert.deepEqual((await sql`select id from service_request_search_pending`.execute(db())).rows, []);
      }
      const found = await u.tm.client.get(`/api/service-requests?q=${encodeURIComponent(number.slice(-7))}`);
      assert.ok(
        found.body.items.some((i: { id: number }) => i.id === id),
        found.text,
      );
    });

    it('R-FLOW-1 the list finds a request waiting for the text index by every field, and after an edit or a move exactly once', async () => {
      const r = await u.tm.client.post('/api/service-requests', { ...base(), description: '鲲鹏服务器 主板更换 KP920-X' });
      assert.equal(r.status, 201, r.text);
      const { id } = r.body;
      const ids = async (q: string) =>
        ((await u.tm.client.get(`/api/service-requests?q=${encodeURIComponent(q)}`)).body.items as { id: number }[])
          .map((i) => i.id)
          .filter((i) => i === id);
      for (const q of ['鲲鹏', '主板更换', 'KP920', r.body.number, '赵立新']) assert.deepEqual(await ids(q), [id], q);
      const edit = await u.tm.client.patch(`/api/service-requests/${id}`, { description: '鲲鹏服务器 电源更换', version: r.body.version });
      assert.equal(edit.status, 200, edit.text);
      assert.deepEqual(await ids('主板'), []);
      assert.deepEqual(await ids('电源'), [id]);
      if (engine === 'sqlite') {
        // The edit indexed it and took it off the queue: a move does not index it twice.
        assert.deepEqual((await sql`select id from service_request_search_pending where id = ${id}`.execute(db())).rows, []);
        await transact(db(), (trx) => movePendingEntries(trx));
        const n = await sql<{ n: number }>`select count(*) as n from service_request_fts where service_request_fts match 'wkp920x'`.execute(
          db(),
        );
        assert.equal(Number(n.rows[0].n), 0);
        const e = await sql<{ n: number }>`select count(*) as n from service_request_fts where rowid = ${id}`.execute(db());
        assert.equal(Number(e.rows[0].n), 1);
      }
      assert.deepEqual(await ids('电源更换'), [id]);
    });

    it('R-FLOW-1 entries an earlier process left waiting are counted: a new process moves them once a batch waits', async (ctx) => {
      if (engine !== 'sqlite') return ctx.skip('SQLite only: PostgreSQL writes the entry with the request');
      // Stand-ins for what an earlier process left (negative ids: no request, removed below).
      await transact(db(), async (trx) => {
        for (let i = 1; i < PENDING_BATCH; i++)
          await sql`insert into service_request_search_pending (id, tokens) values (${-i}, 'wzzrestart')`.execute(trx);
      });
      // A process that has not counted yet (its first create): a root it has never seen.
      await transact(db(), (trx) =>
        queueNewRequest(trx, trx, { id: -PENDING_BATCH, number: 'ZZ-1', customer_name: '', contact_name: null, description: 'zzrestart' }),
      );
      assert.deepEqual((await sql`select id from service_request_search_pending`.execute(db())).rows, []);
      const moved = await sql<{
        n: number;
      }>`select count(*) as n from service_request_fts where service_request_fts match 'wzzrestart'`.execute(db());
      assert.equal(Number(moved.rows[0].n), PENDING_BATCH);
      await sql`delete from service_request_fts where rowid < 0`.execute(db());
    });

    it('R-FLOW-1 the engineer filter pages through his requests as responsible and as backup, in list order, each once', async () => {
      const made: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await u.tm.client.post('/api/service-requests', {
          ...base(),
          description: `工程师分页 ${i}`,
          ...(i % 2 === 0
            ? { responsibleEngineerId: u.pm.user.id }
            : { responsibleEngineerId: u.eng1.user.id, backupEngineerId: u.pm.user.id }),
          plannedStart: `2032-01-0${1 + ((i * 3) % 7)}T01:00:00.000Z`,
        });
        assert.equal(r.status, 201, r.text);
        made.push(r.body.id);
      }
      for (const sort of ['-createdAt', 'plannedStart']) {
        const all = (await u.tm.client.get(`/api/service-requests?engineerId=${u.pm.user.id}&sort=${sort}&pageSize=200`)).body.items as {
          id: number;
        }[];
        const paged: number[] = [];
        for (let page = 1; page <= 4; page++) {
          const r = await u.tm.client.get(`/api/service-requests?engineerId=${u.pm.user.id}&sort=${sort}&pageSize=2&page=${page}`);
          assert.equal(r.status, 200, r.text);
          paged.push(...r.body.items.map((i: { id: number }) => i.id));
        }
        assert.deepEqual(
          paged,
          all.slice(0, 8).map((i) => i.id),
          sort,
        );
        assert.ok(
          made.every((id) => all.some((i) => i.id === id)),
          sort,
        );
        assert.equal(new Set(all.map((i) => i.id)).size, all.length, sort);
      }
    });

    it('refuses what the separate checks refused, in the same order', async () => {
      const refused = async (over: Record<string, unknown>, code: string, path: string) => {
        const r = await u.tm.client.post('/api/service-requests', { ...base(), ...over });
        assert.equal(r.body.code, code, r.text);
        assert.equal(r.body.issues[0].path, path, r.text);
      };
      await refused({ customerId: 99_999_999, contractId: 99_999_999 }, 'REFERENCE_INVALID', 'customerId');
      await refused({ contractId: 99_999_999 }, 'REFERENCE_INVALID', 'contractId');
      await refused({ contractId: otherContractId }, 'SERVICE_REQUEST_CONTRACT_MISMATCH', 'contractId');
      await refused({ responsibleEngineerId: u.sales.user.id }, 'SERVICE_REQUEST_NOT_ENGINEER', 'responsibleEngineerId');
      await refused(
        { responsibleEngineerId: u.eng1.user.id, backupEngineerId: 99_999_999 },
        'SERVICE_REQUEST_NOT_ENGINEER',
        'backupEngineerId',
      );
      await refused({ issue: true }, 'SERVICE_REQUEST_ENGINEER_REQUIRED', 'responsibleEngineerId');
    });
  });
}
