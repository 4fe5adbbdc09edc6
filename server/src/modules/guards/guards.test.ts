import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { transact } from '../../db/transaction';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import { enforceGuard, type GuardCheck } from './guards.service';

const ROLES = { eng: ['engineer'], tm: ['tech_manager'], admin: ['admin'] } satisfies Record<string, TRole[]>;
const actorOf = (s: TSignedIn): Actor => ({ id: s.user.id, name: s.user.name, roles: s.user.roles, requestId: null });

// A guard of the contract rules (R-SCOPE-2) stands in for any: the mechanism is the same for every rule.
const broken: GuardCheck = { code: 'CONTRACT_REMOTE_ONLY_ONSITE', broken: true, subject: { entity: 'contract', id: 7 } };

for (const engine of engines()) {
  describe(`guards with override (${engine})`, () => {
    let t: TestApp;
    let u: Record<keyof typeof ROLES, TSignedIn>;
    const db = () => t.app.deps.database.db;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith(ROLES);
    });
    after(() => t.close());

    it('an unbroken guard lets the step through and records nothing', async () => {
      const went = await transact(db(), (trx) => enforceGuard(trx, actorOf(u.eng), { ...broken, broken: false }));
      assert.equal(went, false);
      const r = await u.tm.client.get('/api/guard-overrides');
      assert.equal(r.body.total, 0);
    });

    it('a broken guard refuses with its error, naming the rule in the body; without override nothing is recorded', async () => {
      await assert.rejects(
        transact(db(), (trx) => enforceGuard(trx, actorOf(u.tm), broken)),
        (e: unknown) => e instanceof AppError && e.code === 'CONTRACT_REMOTE_ONLY_ONSITE',
      );
      assert.equal((await u.tm.client.get('/api/guard-overrides')).body.total, 0);
    });

    it('only a technical manager may override: an engineer with a reason is refused, and nothing is recorded', async () => {
      await assert.rejects(
        transact(db(), (trx) => enforceGuard(trx, actorOf(u.eng), broken, { reason: '客户坚持，现场已确认' })),
        (e: unknown) => e instanceof AppError && e.code === 'GUARD_OVERRIDE_FORBIDDEN',
      );
      assert.equal((await u.tm.client.get('/api/guard-overrides')).body.total, 0);
    });

    it('an override rolls back with the step that failed after it', async () => {
      await assert.rejects(
        transact(db(), async (trx) => {
          await enforceGuard(trx, actorOf(u.tm), broken, { reason: '先越过，后面失败' });
          throw new AppError('NOT_FOUND');
        }),
      );
      assert.equal((await u.tm.client.get('/api/guard-overrides')).body.total, 0);
    });

    it("a technical manager's override passes, is listed with its reason, audited and counted per rule", async () => {
      const went = await transact(db(), (trx) => enforceGuard(trx, actorOf(u.tm), broken, { reason: '客户书面同意，风险自担' }));
      assert.equal(went, true);
      await transact(db(), (trx) =>
        enforceGuard(
          trx,
          actorOf(u.tm),
          { code: 'CONTRACT_REMOTE_ONLY_ONSITE', broken: true, subject: { entity: 'contract', id: 8 } },
          { reason: '第二次越过此规则' },
        ),
      );
      const list = await u.tm.client.get('/api/guard-overrides?rule=R-SCOPE-2');
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.total, 2);
      const first = list.body.items.find((i: { entityId: string }) => i.entityId === '7');
      assert.equal(first.reason, '客户书面同意，风险自担');
      assert.equal(first.user.id, u.tm.user.id);
      assert.equal(first.entity, 'contract');
      const counts = await u.admin.client.get('/api/guard-overrides/counts');
      assert.deepEqual(
        counts.body.map((c: { rule: string; count: number }) => [c.rule, c.count]),
        [['R-SCOPE-2', 2]],
      );
      const audit = await u.admin.client.get('/api/audit?entity=contract&entityId=7');
      assert.equal(audit.status, 200, audit.text);
      const entry = audit.body.items.find((e: { action: string }) => e.action === 'override_guard');
      assert.ok(entry, JSON.stringify(audit.body.items));
      assert.equal(entry.actorId, u.tm.user.id);
      assert.equal(entry.after.reason, '客户书面同意，风险自担');
      assert.equal(entry.after.rule, 'R-SCOPE-2');
    });

    it('the override list is for managers and administrators only, and filters by company-zone dates', async () => {
      assert.equal((await u.eng.client.get('/api/guard-overrides')).status, 403);
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      assert.equal((await u.tm.client.get(`/api/guard-overrides?from=${tomorrow}`)).body.total, 0);
      assert.equal((await u.tm.client.get('/api/guard-overrides?from=2026-01-01')).body.total, 2);
      assert.equal((await u.tm.client.get('/api/guard-overrides?bogus=1')).status, 400);
    });
  });
}
