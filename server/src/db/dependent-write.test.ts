import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, engines } from '../testing/test-db';
import { STAND_IN, valueWithRefs } from './dependent-write';

describe('dependent writes: values made with the stand-ins', () => {
  for (const engine of engines()) {
    it(`each stand-in's first occurrence becomes the statement's value; the rest of the text is kept as it is (${engine})`, async () => {
      const h = await createTestDatabase(engine);
      try {
        const refs = { id: sql<number>`${42}`, idText: sql<string>`${'42'}`, number: sql<string>`${'SR-2026-00042'}` };
        const read = async (v: unknown) => (await sql<{ v: unknown }>`select ${valueWithRefs(v, refs)} as v`.execute(h.db)).rows[0].v;
        const json = JSON.stringify({
          id: STAND_IN.id,
          number: STAND_IN.number,
          description: `also ${STAND_IN.number} and ${STAND_IN.id}`,
        });
        assert.equal(
          await read(json),
          JSON.stringify({ id: 42, number: 'SR-2026-00042', description: `also ${STAND_IN.number} and ${STAND_IN.id}` }),
        );
        assert.equal(await read(`服务要求单 ${STAND_IN.number} 已指派给您：客户`), '服务要求单 SR-2026-00042 已指派给您：客户');
        assert.equal(await read(`assign:${STAND_IN.id}:7:v1`), 'assign:42:7:v1');
        assert.equal(Number(await read(STAND_IN.id)), 42);
        assert.equal(await read('no stand-in'), 'no stand-in');
      } finally {
        await h.close();
      }
    });
  }
});
