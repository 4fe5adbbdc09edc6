import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';

for (const engine of engines()) {
  describe(`a project's plan, agreed (${engine})`, () => {
    let t: TestApp;
    let u: Record<'tm' | 'pm' | 'member' | 'outsider', TSignedIn>;

    before(async () => {
      t = await startTestApp(engine);
      u = await t.usersWith({ tm: ['tech_manager'], pm: ['project_manager'], member: ['engineer'], outsider: ['engineer'] });
    });
    after(() => t.close());

    it('R-ORG-4 the participants agree to a proposed plan: who and when are recorded, once each; others may not', async () => {
      const p = await u.tm.client.post('/api/projects', {
        code: `AGREE-${engine}`,
        name: '数据中心扩容',
        projectManagerId: u.pm.user.id,
        memberIds: [u.member.user.id],
        status: 'proposed',
      });
      assert.equal(p.status, 201, p.text);
      assert.deepEqual(p.body.agreements, []);
      const before = Date.now();
      const byPm = await u.pm.client.post(`/api/projects/${p.body.id}/agree`, {});
      assert.equal(byPm.status, 200, byPm.text);
      const byMember = await u.member.client.post(`/api/projects/${p.body.id}/agree`, { note: '同意，第二周起驻场' });
      assert.equal(byMember.status, 200, byMember.text);
      const agreed = byMember.body.agreements as { user: { id: number }; at: string; note: string | null }[];
      assert.deepEqual(
        agreed.map((a) => a.user.id),
        [u.pm.user.id, u.member.user.id],
      );
      assert.ok(Date.parse(agreed[0].at) >= before - 1000);
      assert.equal(agreed[1].note, '同意，第二周起驻场');
      const again = await u.pm.client.post(`/api/projects/${p.body.id}/agree`, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'PROJECT_ALREADY_AGREED');
      const outsider = await u.outsider.client.post(`/api/projects/${p.body.id}/agree`, {});
      assert.equal(outsider.status, 403);
      assert.equal(outsider.body.code, 'PROJECT_NOT_PARTICIPANT');
      const read = await u.tm.client.get(`/api/projects/${p.body.id}`);
      assert.equal(read.body.agreements.length, 2);
      const audit = await (await t.admin()).get(`/api/audit?entity=project&entityId=${p.body.id}&action=agree`);
      assert.equal(audit.body.total, 2);
    });
  });
}
