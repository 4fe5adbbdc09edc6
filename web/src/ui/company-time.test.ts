import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayStartInstant, formatWallTime, isoDateOfDayNumber, isoDateOfInstant, MS_PER_DAY, offsetTransitions } from '@contract/zoned-time';
import { companyDayOf, companyDayStart, formatCompanyTime, setCompanyTimeZone } from './company-time';

/** The zone as the server sends it: its offsets over [from, until). */
function zoneOf(timeZone: string, fromIso: string, untilIso: string) {
  const until = Date.parse(untilIso);
  return {
    timeZone,
    timeZoneOffsets: offsetTransitions(Date.parse(fromIso), until, timeZone).map((s) => ({
      from: new Date(s.from).toISOString(),
      offsetMinutes: s.offsetMinutes,
    })),
    timeZoneOffsetsUntil: new Date(until).toISOString(),
  };
}

/** Instants every `stepMs` over [from, to). */
function instants(fromIso: string, toIso: string, stepMs: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += stepMs) out.push(new Date(t).toISOString());
  return out;
}

/** How many times Intl formatted while `run` ran. */
function intlCallsDuring(run: () => void): number {
  const proto = Intl.DateTimeFormat.prototype;
  const original = proto.formatToParts;
  let calls = 0;
  proto.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
    calls++;
    return original.call(this, date);
  };
  try {
    run();
  } finally {
    proto.formatToParts = original;
  }
  return calls;
}

/** The Intl path (contract/zoned-time.ts, the server's own) and the company-time functions agree. */
function assertSameAsIntl(timeZone: string, times: string[], days: string[]) {
  for (const iso of times) {
    assert.equal(formatCompanyTime(iso), formatWallTime(iso, timeZone), iso);
    assert.equal(companyDayOf(iso), isoDateOfInstant(iso, timeZone), iso);
  }
  for (const day of days)
    for (const move of [-1, 0, 1]) assert.equal(companyDayStart(day, move), dayStartInstant(day, timeZone, move), `${day} ${move}`);
}

function daysOf(fromIso: string, count: number): string[] {
  const first = Date.parse(fromIso) / MS_PER_DAY;
  return Array.from({ length: count }, (_, i) => isoDateOfDayNumber(first + i));
}

// An odd step, so the instants fall on every minute and second of the hour over the days.
const STEP = 7 * 60_000 + 13_000 + 250;

/** How many Intl formatters' calls formatting `times` and the starts of `days` makes. */
function intlCallsFormatting(times: readonly string[], days: readonly string[]): number {
  return intlCallsDuring(() => {
    for (const iso of times) {
      formatCompanyTime(iso);
      companyDayOf(iso);
    }
    for (const day of days) companyDayStart(day);
  });
}

describe('times in the company zone from its offsets, without Intl', () => {
  it('before the zone is set: the Intl path in the default zone', () => {
    assert.equal(formatCompanyTime('2026-11-27T06:05:09.250Z'), '2026-11-27 14:05:09');
    assert.equal(companyDayOf('2026-03-01T17:00:00Z'), '2026-03-02');
    assert.equal(companyDayStart('2026-03-02'), '2026-03-01T16:00:00.000Z');
  });

  it('Berlin: the same as Intl across both changes of a year, without calling it', () => {
    setCompanyTimeZone(zoneOf('Europe/Berlin', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z'));
    const times = [
      ...instants('2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z', STEP),
      ...instants('2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z', STEP),
      ...instants('2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z', 3 * 3_600_000 + STEP),
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z',
    ];
    const days = daysOf('2025-06-03', 725);
    assertSameAsIntl('Europe/Berlin', times, days);
    assert.equal(intlCallsFormatting(times, days), 0);
    assert.equal(formatCompanyTime('2026-03-29T01:00:00.000Z'), '2026-03-29 03:00:00');
    assert.equal(formatCompanyTime('2026-10-25T00:30:00.000Z'), '2026-10-25 02:30:00');
    assert.equal(formatCompanyTime('2026-10-25T01:30:00.000Z'), '2026-10-25 02:30:00');
  });

  it('Shanghai: the same as Intl, without calling it', () => {
    setCompanyTimeZone(zoneOf('Asia/Shanghai', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z'));
    const times = instants('2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z', 5 * 3_600_000 + STEP);
    const days = daysOf('2025-06-03', 725);
    assertSameAsIntl('Asia/Shanghai', times, days);
    assert.equal(intlCallsFormatting(times, days), 0);
    assert.equal(formatCompanyTime('2026-11-27T17:00:00Z'), '2026-11-28 01:00:00');
  });

  it('outside the window, and for what is not an instant: the Intl path, as before', () => {
    setCompanyTimeZone(zoneOf('Europe/Berlin', '2026-01-01T00:00:00Z', '2026-12-01T00:00:00Z'));
    const outside = [
      ...instants('2025-03-28T00:00:00Z', '2025-03-31T00:00:00Z', STEP),
      ...instants('2026-11-25T00:00:00Z', '2026-12-03T00:00:00Z', STEP),
      '2025-12-31T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
    ];
    assertSameAsIntl('Europe/Berlin', outside, [...daysOf('2025-03-27', 10), ...daysOf('2025-12-28', 8), ...daysOf('2026-11-27', 8)]);
    assert.ok(intlCallsDuring(() => formatCompanyTime('2027-07-01T12:00:00Z')) > 0);
    assert.equal(formatCompanyTime('not a time'), 'not a time');
    assert.throws(() => companyDayStart('2026-02-30'), RangeError);
  });

  it('zones whose clocks skip or repeat midnight: day starts the same as Intl', () => {
    // Santiago moves from -4 to -3 at midnight (6 September 2026): that day begins at 01:00.
    setCompanyTimeZone(zoneOf('America/Santiago', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z'));
    assertSameAsIntl('America/Santiago', instants('2026-09-05T00:00:00Z', '2026-09-08T00:00:00Z', STEP), daysOf('2025-06-03', 725));
    assert.equal(companyDayStart('2026-09-06'), '2026-09-06T04:00:00.000Z');
    // Havana moves from -4 back to -5 at 01:00 (1 November 2026): midnight comes twice; the first counts.
    setCompanyTimeZone(zoneOf('America/Havana', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z'));
    assertSameAsIntl('America/Havana', instants('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', STEP), daysOf('2025-06-03', 725));
    assert.equal(companyDayStart('2026-11-01'), '2026-11-01T04:00:00.000Z');
  });

  it('without offsets (an older server): the Intl path', () => {
    setCompanyTimeZone({ timeZone: 'Asia/Urumqi', timeZoneOffsets: [], timeZoneOffsetsUntil: '2027-06-01T00:00:00.000Z' });
    assert.equal(formatCompanyTime('2026-11-27T06:05:09.250Z'), '2026-11-27 12:05:09');
    assert.ok(intlCallsDuring(() => companyDayOf('2026-11-27T06:05:09.250Z')) > 0);
  });
});
