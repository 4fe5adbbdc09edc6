/**
 * Reports over a year of work (R-FLOW-1, R-ORG-3): 200 engineers, 50,000 contracts, 1,000,000
 * service requests (bench/service-requests-data.ts) and a year of hour entries (two visits a
 * working day per engineer, travel and on site). Prints, never asserts.
 *
 *   node --import tsx bench/reports.bench.ts [--engine sqlite|postgres] [--reuse] [--runs 30]
 *        [--file /tmp/fuwu-wr/sr.sqlite] [--keep-pg NAME]
 *
 * 1. The request roll-up (request_day) rebuilt for the year, and the hours' roll-ups from scratch.
 * 2. The monthly project summary (draftMonthlySummary: the month and the month before, from the
 *    roll-ups) for one contract and for a project of 500 contracts — target < 200 ms.
 * 3. The dashboards' first load (every chart's figures, 90 days, no customer filter) — p95 < 300 ms.
 * 4. Recording a visit's hours (recordWorkHours: replace the visit's entries) with the roll-ups
 *    updated in the same transaction, against the same writes without them — target within 10 %.
 */
import { sql } from 'kysely';
import { addDays, previousMonth } from '../contract/reports';
import { todayIn } from '../contract/zoned-time';
import { systemActor } from '../server/src/actor';
import type { Engine } from '../server/src/db/database';
import { transact } from '../server/src/db/transaction';
import { checkOut } from '../server/src/modules/visits/visits.service';
import { dashboard, draftMonthlySummary, rebuildRequestRollup } from '../server/src/modules/reports/reports.service';
import * as hoursRepo from '../server/src/modules/work-hours/work-hours.repo';
import { rebuildWorkHoursRollups, recordWorkHours } from '../server/src/modules/work-hours/work-hours.service';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';
import { seedServiceRequests } from './service-requests-data';

const TZ = 'Asia/Shanghai';
const actor = systemActor('bench');

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${fmt(percentileSorted(s, 50), 1)} ms, p95 ${fmt(percentileSorted(s, 95), 1)} ms, max ${fmt(s[s.length - 1], 1)} ms (${s.length} runs)`;
}

async function main() {
  const argv = process.argv.slice(2);
  const engine = (argValue(argv, '--engine') ?? 'sqlite') as Engine;
  const runs = Number(argValue(argv, '--runs') ?? 30);
  console.log(`reports bench (${engine}) — ${machineLine()}`);
  const seeded = await seedServiceRequests(engine, {
    file: argValue(argv, '--file') ?? '/tmp/fuwu-wr/sr.sqlite',
    reuse: argv.includes('--reuse'),
    keepPg: argValue(argv, '--keep-pg'),
  });
  const db = seeded.handle.db;
  try {
    const today = todayIn(TZ);
    const yearAgo = addDays(today, -365);

    // A year of hour entries: per engineer, two visits each working day, on a request of his.
    const have = await db
      .selectFrom('work_hours_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(have.n) === 0) {
      const t0 = performance.now();
      const reqs = await sql<{ id: number; e: number; c: number; k: number | null }>`
        select id, responsible_engineer_id as e, customer_id as c, contract_id as k from service_request
        where responsible_engineer_id is not null and id % 5 = 0`.execute(db);
      const byEngineer = new Map<number, { id: number; c: number; k: number | null }[]>();
      for (const r of reqs.rows) {
        const list = byEngineer.get(Number(r.e)) ?? [];
        list.push({ id: Number(r.id), c: Number(r.c), k: r.k === null ? null : Number(r.k) });
        byEngineer.set(Number(r.e), list);
      }
      let source = 1;
      const rows: Parameters<typeof hoursRepo.insertEntries>[1][number][] = [];
      const at = new Date().toISOString();
      for (const [e, list] of byEngineer) {
        let i = 0;
        for (let d = yearAgo; d <= today; d = addDays(d, 1)) {
          const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
          if (wd === 0 || wd === 6) continue;
          for (let v = 0; v < 2; v++) {
            const r = list[i++ % list.length];
            const base = {
              engineer_id: e,
              work_date: d,
              note: null,
              service_request_id: r.id,
              customer_id: r.c,
              contract_id: r.k,
              source_entity: 'visit',
              source_id: source++,
              created_by_id: null,
              created_at: at,
            };
            rows.push({ ...base, kind: 'visit_travel', minutes: 60 }, { ...base, kind: 'visit_onsite', minutes: 150 });
          }
        }
      }
      await transact(db, (trx) => hoursRepo.insertEntries(trx, rows));
      console.log(`  seeded ${rows.length} hour entries (${source - 1} visits) in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    }
    const rolled = await db
      .selectFrom('work_hours_day')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(rolled.n) === 0) {
      const [, rh] = await timed(() => rebuildWorkHoursRollups(db));
      console.log(`  hours roll-ups rebuilt from scratch in ${fmt(rh / 1000, 1)} s`);
    }
    // The request roll-up: rebuilt for the year unless a complete one is there (a run stopped part-way leaves the early days only).
    const last = await db.selectFrom('request_day').select('day').where('day', '=', addDays(today, -1)).limit(1).executeTakeFirst();
    if (!last) {
      const [, rr] = await timed(() => rebuildRequestRollup(db, addDays(yearAgo, -5), today, TZ));
      console.log(
        `  request roll-up rebuilt for the year (one transaction a day) in ${fmt(rr / 1000, 1)} s (${fmt(rr / 371, 1)} ms a day)`,
      );
      if (engine === 'postgres') await sql`analyze`.execute(db);
    }
    const counts = await sql<{ a: number; b: number; c: number }>`select (select count(*) from request_day) as a,
      (select count(*) from work_hours_day) as b, (select count(*) from work_customer_day) as c`.execute(db);
    console.log(
      `  roll-up rows: request_day ${counts.rows[0].a}, work_hours_day ${counts.rows[0].b}, work_customer_day ${counts.rows[0].c}`,
    );

    // 2. Monthly summaries: one contract; a project of 500 contracts.
    const month = previousMonth(today.slice(0, 7));
    const busiest = await sql<{
      k: number;
    }>`select contract_id as k from service_request where contract_id is not null group by contract_id order by count(*) desc limit 1`.execute(
      db,
    );
    const contractId = Number(busiest.rows[0].k);
    let projectId = (await db.selectFrom('project').select('id').where('code', '=', 'BENCH-REPORTS').executeTakeFirst())?.id;
    if (projectId === undefined) {
      const pm = seeded.engineerIds[0];
      const at = new Date().toISOString();
      projectId = Number(
        (
          await db
            .insertInto('project')
            .values({
              code: 'BENCH-REPORTS',
              name: '基准项目',
              project_manager_id: pm,
              status: 'active',
              created_at: at,
              updated_at: at,
              version: 1,
            } as never)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
      const ks = await db.selectFrom('contract').select('id').orderBy('id').limit(500).execute();
      await db
        .insertInto('project_contract')
        .values(ks.map((k) => ({ project_id: projectId as number, contract_id: Number(k.id) })))
        .execute();
    }
    for (const [label, input] of [
      ['one contract', { month, contractId }],
      ['a project of 500 contracts', { month, projectId: Number(projectId) }],
    ] as const) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push((await timed(() => draftMonthlySummary(db, actor, input, TZ)))[1]);
      console.log(`monthly project summary (${label}, ${month}): ${summary(ms)}`);
    }

    // 3. Dashboards, first load: every chart over the last 90 days.
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const from = addDays(today, -90 - (i % 7));
      ms.push((await timed(() => dashboard(db, actor, { from, to: today }, TZ)))[1]);
    }
    console.log(`dashboards first load (90 days, all customers): ${summary(ms)}`);
    // The customer filter: the busiest contract's customer, over the same ranges.
    const busyCustomer = await db.selectFrom('contract').select('customer_id').where('id', '=', contractId).executeTakeFirstOrThrow();
    const msc: number[] = [];
    for (let i = 0; i < runs; i++) {
      const from = addDays(today, -90 - (i % 7));
      msc.push((await timed(() => dashboard(db, actor, { from, to: today, customerId: Number(busyCustomer.customer_id) }, TZ)))[1]);
    }
    console.log(`dashboards first load (90 days, one customer): ${summary(msc)}`);

    // 4. A visit's hours: with the roll-ups vs the same replace without them.
    const engineer = seeded.engineerIds[1];
    const req = await db
      .selectFrom('service_request')
      .select('id')
      .where('responsible_engineer_id', '=', engineer)
      .limit(1)
      .executeTakeFirstOrThrow();
    const entries = (d: string) => [
      { engineerId: engineer, workDate: d, kind: 'visit_travel' as const, hours: 1.25, serviceRequestId: Number(req.id) },
      { engineerId: engineer, workDate: d, kind: 'visit_onsite' as const, hours: 2.5, serviceRequestId: Number(req.id) },
    ];
    const withRollups: number[] = [];
    const without: number[] = [];
    const rounds = runs * 10;
    for (let i = 0; i < rounds; i++) {
      const d = addDays(today, -(i % 60));
      const id = 900_000_000 + i;
      withRollups.push(
        (
          await timed(() => transact(db, (trx) => recordWorkHours(trx, actor, { source: { entity: 'visit', id }, entries: entries(d) })))
        )[1],
      );
      const id2 = 950_000_000 + i;
      without.push(
        (
          await timed(() =>
            transact(db, async (trx) => {
              await hoursRepo.findEntriesOfSource(trx, 'visit', id2);
              await hoursRepo.findRequestParties(trx, [Number(req.id)]);
              await hoursRepo.deleteEntriesOfSource(trx, 'visit', id2);
              await hoursRepo.insertEntries(
                trx,
                entries(d).map((e) => ({
                  engineer_id: e.engineerId,
                  work_date: e.workDate,
                  kind: e.kind,
                  minutes: Math.round(e.hours * 60),
                  note: null,
                  service_request_id: e.serviceRequestId,
                  customer_id: null,
                  contract_id: null,
                  source_entity: 'visit',
                  source_id: id2,
                  created_by_id: null,
                  created_at: new Date().toISOString(),
                })),
              );
            }),
          )
        )[1],
      );
    }
    const med = (a: number[]) =>
      percentileSorted(
        [...a].sort((x, y) => x - y),
        50,
      );
    console.log(`recording a visit's hours with the roll-ups: ${summary(withRollups)}`);
    console.log(`recording a visit's hours without the roll-ups: ${summary(without)}`);
    console.log(`  with / without (medians): ${fmt((med(withRollups) / med(without) - 1) * 100, 1)} %`);

    // 5. Recording a whole visit — the engineer's check-out (visit row, hours with their roll-ups,
    //    audit, in one transaction) — and the roll-ups' share of it: the hours' with − without above.
    const engineerActor = { id: engineer, name: 'bench', roles: ['engineer' as const], requestId: null };
    // A day each, before the seeded year, so no day passes the 24-hour limit.
    const dayMs = (i: number) => Date.now() - (800 + i) * 86_400_000;
    const checkOuts: number[] = [];
    const benchVisits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const at = new Date().toISOString();
      const v = await db
        .insertInto('visit')
        .values({
          service_request_id: Number(req.id),
          engineer_id: engineer,
          travel_started_at: new Date(dayMs(i)).toISOString(),
          arrived_at: new Date(dayMs(i) + 1800_000).toISOString(),
          departed_at: null,
          work_done: null,
          created_by_id: engineer,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('visit_engineer')
        .values({ visit_id: Number(v.id), user_id: engineer })
        .execute();
      benchVisits.push(Number(v.id));
      checkOuts.push(
        (
          await timed(() =>
            checkOut(
              db,
              engineerActor,
              Number(v.id),
              { version: 1, workDone: '巡检完成', departedAt: new Date(dayMs(i) + 9000_000).toISOString() },
              TZ,
            ),
          )
        )[1],
      );
    }
    const rollupShare = med(withRollups) - med(without);
    console.log(`recording a visit (check-out, with the roll-ups): ${summary(checkOuts)}`);
    console.log(
      `  the roll-ups' share: ${fmt(rollupShare, 3)} ms of ${fmt(med(checkOuts), 3)} ms, +${fmt((rollupShare / (med(checkOuts) - rollupShare)) * 100, 1)} % over recording the visit without them`,
    );
    // Leave the database as it was seeded.
    await db.deleteFrom('work_hours_entry').where('source_id', '>=', 900_000_000).execute();
    if (benchVisits.length > 0) {
      await db.deleteFrom('work_hours_entry').where('source_entity', '=', 'visit').where('source_id', 'in', benchVisits).execute();
      await db.deleteFrom('visit_engineer').where('visit_id', 'in', benchVisits).execute();
      await db.deleteFrom('visit').where('id', 'in', benchVisits).execute();
    }
    await rebuildWorkHoursRollups(db);
    console.log(machineLine());
  } finally {
    await seeded.handle.close();
    await seeded.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
