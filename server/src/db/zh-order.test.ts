import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { makeCustomer } from '../modules/customers/customers.fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';
import { engines } from '../testing/test-db';
import type { Db } from './database';
import { isPostgres } from './database';
import { zhOrder, zhSortKey } from './zh-order';

/** In code point order these come 上 中 云 北; by pinyin 北 (běi) 上 (shàng) 云 (yún) 中 (zhōng). */
const NAMES = ['上海浦江证券', '中联通达通信', '云帆数据科技', '北京中金汇通银行'];
const PINYIN = ['北京中金汇通银行', '上海浦江证券', '云帆数据科技', '中联通达通信'];

/** The plan of `table` ordered by `column` in Chinese order, as text, with sorting discouraged on PostgreSQL. */
async function planOf(db: Db, table: 'customer' | 'app_user', column: string, industryId?: number): Promise<string> {
  const query = (d: Db) => {
    const q = d.selectFrom(table).select('id');
    return (industryId === undefined ? q : q.where('industry_id', '=', industryId)).orderBy(zhOrder(d, column)).orderBy('id').limit(50);
  };
  if (!isPostgres(db)) {
    const c = query(db).compile();
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
    return plan.rows.map((r) => r.detail).join('\n');
  }
  // A handful of rows: the planner would rather sort them. Without sorting, only an index with the
  // collation can give the order; an index missing it leaves a Sort node whatever the setting.
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_sort = off`.execute(trx);
    await sql`set local enable_seqscan = off`.execute(trx);
    return (await query(trx).explain()).map((r) => String(r['QUERY PLAN'])).join('\n');
  });
}

describe('Chinese order keys', () => {
  it('zh_key order is Intl.Collator("zh-CN") order, Han and Latin mixed', () => {
    const names = [...NAMES, 'abc', 'Zeta', '123', '阿里', '北京', '北京 A', '（北京）', 'ＡＢＣ'];
    const collator = new Intl.Collator('zh-CN');
    const byKey = [...names].sort((a, b) => (zhSortKey(a) < zhSortKey(b) ? -1 : zhSortKey(a) > zhSortKey(b) ? 1 : 0));
    assert.deepEqual(byKey, [...names].sort(collator.compare));
  });
});

for (const engine of engines()) {
  describe(`Chinese order (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('customers sorted by name come back in pinyin order, both ways', async () => {
      const db = t.app.deps.database.db;
      for (const name of NAMES) await makeCustomer(db, { name });
      const admin = await t.admin();
      const asc = await admin.get('/api/customers?sort=name&pageSize=50');
      assert.equal(asc.status, 200, asc.text);
      assert.deepEqual(
        asc.body.items.map((c: { name: string }) => c.name).filter((n: string) => NAMES.includes(n)),
        PINYIN,
      );
      const desc = await admin.get('/api/customers?sort=-name&pageSize=50');
      assert.deepEqual(
        desc.body.items.map((c: { name: string }) => c.name).filter((n: string) => NAMES.includes(n)),
        [...PINYIN].reverse(),
      );
    });

    it('people sorted by name come back in pinyin order (the user list and the pickers)', async () => {
      for (const name of ['周明', '陈杰', '赵磊', '孙丽']) await t.userWith(['engineer'], { name });
      const admin = await t.admin();
      const list = await admin.get('/api/users?sort=name&role=engineer&pageSize=50');
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(
        list.body.items.map((u: { name: string }) => u.name),
        ['陈杰', '孙丽', '赵磊', '周明'],
      );
      const options = await admin.get('/api/users/options?role=engineer');
      assert.equal(options.status, 200, options.text);
      assert.deepEqual(
        options.body.items.map((u: { name: string }) => u.name),
        ['陈杰', '孙丽', '赵磊', '周明'],
      );
    });

    it('the sort by name (and by name within an industry, the archive tree) is served by an index in that order (no sort step)', async () => {
      const db = t.app.deps.database.db;
      for (const [table, column, index, industryId] of [
        ['customer', 'name_key', 'customer_name_zh_idx', undefined],
        ['customer', 'name_key', 'customer_industry_zh_idx', 1],
        ['app_user', 'name', 'app_user_name_zh_idx', undefined],
      ] as const) {
        const plan = await planOf(db, table, column, industryId);
        assert.match(plan, new RegExp(index), plan);
        assert.doesNotMatch(plan, /TEMP B-TREE FOR ORDER BY|\bSort\b/, plan);
      }
    });
  });
}
