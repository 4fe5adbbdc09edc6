import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { TCoverageWindow } from '@contract/working-calendar';
import fc from 'fast-check';
import { projectPath } from '../../project-path';
import { calendarSpecOf } from '../calendar/holidays';
import { addCoveredMinutes, coveredMinutesBetween } from '../calendar/working-calendar';
import { type TSlaInput, computeSlaClocks } from './sla-clock';

const calendar = calendarSpecOf();
const FIVE_BY_EIGHT: TCoverageWindow = { kind: '5x8' };
const sh = (local: string) => new Date(`${local}+08:00`);

/** A request started on Friday 2026-03-06 16:00 (Shanghai), 4 h response / 8 h arrival / 24 h resolution, 5×8. */
function input(over: Partial<TSlaInput> = {}): TSlaInput {
  return {
    startedAt: sh('2026-03-06T16:00'),
    targets: { responseHours: 4, arrivalHours: 8, resolutionHours: 24 },
    window: FIVE_BY_EIGHT,
    calendar,
    pauses: [],
    respondedAt: null,
    arrivedAt: null,
    resolvedAt: null,
    now: sh('2026-03-06T16:30'),
    ...over,
  };
}

describe('SLA clocks', () => {
  it('R-EMER-8 a 4-hour 5×8 response started Friday 16:00 is due Monday 12:00 and warns at 80 % (Monday 11:12)', () => {
    const { response } = computeSlaClocks(input());
    assert.ok(response);
    assert.deepEqual(response.dueAt, sh('2026-03-09T12:00'));
    assert.deepEqual(response.warnAt, sh('2026-03-09T11:12'));
    assert.equal(response.state, 'running');
    assert.equal(response.elapsedMinutes, 30);
    assert.equal(response.remainingMinutes, 210);
  });

  it('R-EMER-9 at 80 % of the target the clock is at risk, not before', () => {
    assert.equal(computeSlaClocks(input({ now: sh('2026-03-09T11:11') })).response?.state, 'running');
    const atRisk = computeSlaClocks(input({ now: sh('2026-03-09T11:12') })).response;
    assert.equal(atRisk?.state, 'at_risk');
    assert.equal(atRisk?.elapsedMinutes, 192);
    // The weekend does not count: Sunday evening is still where Friday 17:00 left it.
    const sunday = computeSlaClocks(input({ now: sh('2026-03-08T22:00') })).response;
    assert.equal(sunday?.elapsedMinutes, 60);
    assert.equal(sunday?.state, 'running');
  });

  it('R-EMER-8 past the due time the clock is breached, with negative minutes remaining (time to call for reinforcement)', () => {
    const { response, resolution } = computeSlaClocks(input({ now: sh('2026-03-09T12:01') }));
    assert.equal(response?.state, 'breached');
    assert.equal(response?.remainingMinutes, -1);
    assert.equal(resolution?.state, 'running');
    // 24 h of 5×8 = three working days: 1 h on Friday, 8 + 8 + 7 from Monday.
    assert.deepEqual(resolution?.dueAt, sh('2026-03-11T16:00'));
  });

  it('R-EMER-8 met when resolved before the due time; breached when resolved after it; the clock stops when met', () => {
    const met = computeSlaClocks(input({ resolvedAt: sh('2026-03-10T10:00'), now: sh('2026-03-20T10:00') })).resolution;
    assert.equal(met?.state, 'met');
    assert.equal(met?.elapsedMinutes, 60 + 480 + 60);
    assert.equal(met?.remainingMinutes, 24 * 60 - 600);
    const late = computeSlaClocks(input({ resolvedAt: sh('2026-03-11T16:01'), now: sh('2026-03-20T10:00') })).resolution;
    assert.equal(late?.state, 'breached');
    assert.equal(computeSlaClocks(input({ resolvedAt: sh('2026-03-11T16:00') })).resolution?.state, 'met', 'on the minute is on time');
  });

  it('R-EMER-2 arrival at the agreed time: met when the engineer arrives within the target; no target, no clock', () => {
    const clocks = computeSlaClocks(
      input({ respondedAt: sh('2026-03-06T16:20'), arrivedAt: sh('2026-03-09T15:30'), now: sh('2026-03-09T16:00') }),
    );
    assert.equal(clocks.response?.state, 'met');
    assert.deepEqual(clocks.arrival?.dueAt, sh('2026-03-09T16:00'));
    assert.equal(clocks.arrival?.state, 'met');
    assert.equal(computeSlaClocks(input({ arrivedAt: sh('2026-03-09T16:01') })).arrival?.state, 'breached');
    assert.equal(computeSlaClocks(input({ targets: { responseHours: 4, arrivalHours: null, resolutionHours: null } })).arrival, null);
  });

  it('R-EMER-8 a 5×8 contract called on Friday evening: the clocks start on Monday 09:00', () => {
    const clocks = computeSlaClocks(input({ startedAt: sh('2026-03-06T19:45'), now: sh('2026-03-09T08:30') }));
    assert.deepEqual(clocks.response?.dueAt, sh('2026-03-09T13:00'));
    assert.equal(clocks.response?.elapsedMinutes, 0);
    assert.equal(clocks.response?.state, 'running');
  });

  it('R-EMER-8 7×24 across National Day counts every minute', () => {
    const clocks = computeSlaClocks(input({ window: { kind: '7x24' }, startedAt: sh('2026-10-01T22:00'), now: sh('2026-10-02T01:15') }));
    assert.deepEqual(clocks.response?.dueAt, sh('2026-10-02T02:00'));
    assert.equal(clocks.response?.elapsedMinutes, 195);
    assert.equal(clocks.response?.state, 'at_risk');
  });

  it('R-EMER-8 waiting for the customer extends the due time by exactly the covered minutes paused', () => {
    // Started Monday 09:00; paused Monday 10:00 → Monday 16:00 (360 covered minutes).
    const base = { startedAt: sh('2026-03-09T09:00'), now: sh('2026-03-09T12:00') };
    const plain = computeSlaClocks(input(base)).resolution;
    const paused = computeSlaClocks(input({ ...base, pauses: [{ from: sh('2026-03-09T10:00'), to: sh('2026-03-09T16:00') }] })).resolution;
    assert.ok(plain && paused);
    assert.equal(coveredMinutesBetween(plain.dueAt, paused.dueAt, FIVE_BY_EIGHT, calendar), 360);
    assert.equal(paused.state, 'paused');
    assert.equal(paused.elapsedMinutes, 60);
    // A pause over a weekend costs only its covered part: Friday 16:00 → Monday 10:00 is 2 hours.
    const weekend = computeSlaClocks(
      input({
        startedAt: sh('2026-03-05T09:00'),
        pauses: [{ from: sh('2026-03-06T16:00'), to: sh('2026-03-09T10:00') }],
        now: sh('2026-03-09T11:00'),
      }),
    ).resolution;
    const noPause = computeSlaClocks(input({ startedAt: sh('2026-03-05T09:00'), now: sh('2026-03-09T11:00') })).resolution;
    assert.ok(weekend && noPause);
    assert.equal(coveredMinutesBetween(noPause.dueAt, weekend.dueAt, FIVE_BY_EIGHT, calendar), 120);
    assert.equal(weekend.elapsedMinutes, noPause.elapsedMinutes - 120);
  });

  it('R-EMER-8 an open pause shows paused, and its due time is projected as if resumed now', () => {
    const pauses = [{ from: sh('2026-03-09T10:00'), to: null }];
    const at = (now: string) => computeSlaClocks(input({ startedAt: sh('2026-03-09T09:00'), pauses, now: sh(now) })).response;
    const a = at('2026-03-09T11:00');
    const b = at('2026-03-09T14:00');
    assert.equal(a?.state, 'paused');
    assert.equal(a?.elapsedMinutes, 60);
    assert.equal(b?.elapsedMinutes, 60);
    assert.deepEqual(a?.dueAt, sh('2026-03-09T14:00'));
    assert.deepEqual(b?.dueAt, sh('2026-03-09T17:00'));
    // A clock already overdue when the wait began stays breached.
    const over = computeSlaClocks(
      input({ startedAt: sh('2026-03-09T09:00'), pauses: [{ from: sh('2026-03-09T14:00'), to: null }], now: sh('2026-03-09T15:00') }),
    );
    assert.equal(over.response?.state, 'breached');
  });

  it('R-EMER-8 the same due times whether the process runs under TZ=America/New_York or TZ=Asia/Shanghai', () => {
    const run = (tz: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', projectPath('server/src/modules/sla/sla-clock.tz-probe.ts')], {
          cwd: projectPath(),
          env: { TZ: tz },
          encoding: 'utf8',
        }),
      );
    const newYork = run('America/New_York');
    const shanghai = run('Asia/Shanghai');
    const utc = run('UTC');
    // The children really ran in different zones …
    assert.deepEqual([newYork.processOffsetMinutes, shanghai.processOffsetMinutes, utc.processOffsetMinutes], [240, -480, 0]);
    // … and computed the same instants.
    assert.ok(shanghai.results.length >= 18);
    assert.deepEqual(newYork.results, shanghai.results);
    assert.deepEqual(utc.results, shanghai.results);
  });
});

describe('SLA clock properties', () => {
  const arbMs = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-10-01T00:00:00Z') });
  const arbWindow = fc.constantFrom<TCoverageWindow>(
    { kind: '5x8' },
    { kind: '7x24' },
    { kind: 'custom', days: [2, 4, 6], start: '10:00', end: '19:30' },
  );

  it('R-EMER-8 a finished pause before the due time moves it by exactly the covered paused minutes', () => {
    fc.assert(
      fc.property(
        arbWindow,
        arbMs,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (window, startMs, hours, pauseOffsetMin, pauseLengthMin) => {
          const startedAt = new Date(startMs);
          const from = new Date(startMs + pauseOffsetMin * 60_000);
          const to = new Date(from.getTime() + pauseLengthMin * 60_000);
          const targets = { responseHours: null, arrivalHours: null, resolutionHours: hours };
          const now = new Date(to.getTime() + 1);
          const plain = computeSlaClocks(input({ window, startedAt, targets, now })).resolution!;
          const paused = computeSlaClocks(input({ window, startedAt, targets, now, pauses: [{ from, to }] })).resolution!;
          const pausedMinutes = coveredMinutesBetween(from, to, window, calendar);
          if (from < plain.dueAt) {
            assert.equal(coveredMinutesBetween(plain.dueAt, paused.dueAt, window, calendar), pausedMinutes);
          } else {
            assert.deepEqual(paused.dueAt, plain.dueAt);
          }
          assert.deepEqual(plain.dueAt, addCoveredMinutes(startedAt, hours * 60, window, calendar));
          assert.ok(paused.warnAt <= paused.dueAt);
        },
      ),
      { numRuns: 400 },
    );
  });
});
