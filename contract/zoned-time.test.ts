import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayStartInstant, formatWallTime, isoDateOfInstant, MS_PER_DAY, offsetTransitions, todayIn } from './zoned-time';

// The same instants read in two company zones: Shanghai (UTC+8) and Urumqi (UTC+6), so a
// formatter that ignores the zone it is given, or hard-codes one, fails one of the two.
describe('zoned time for the company zone (server and web)', () => {
  it("today is the company's calendar day, whatever the process's zone", () => {
    const lateUtc = new Date('2026-06-15T17:30:00Z');
    assert.equal(todayIn('Asia/Shanghai', lateUtc), '2026-06-16');
    assert.equal(todayIn('Asia/Urumqi', lateUtc), '2026-06-15');
    assert.equal(todayIn('UTC', lateUtc), '2026-06-15');
  });

  it('formats an instant as the wall clock of the zone it is given', () => {
    assert.equal(formatWallTime('2026-11-27T06:05:09.250Z', 'Asia/Shanghai'), '2026-11-27 14:05:09');
    assert.equal(formatWallTime('2026-11-27T06:05:09.250Z', 'Asia/Urumqi'), '2026-11-27 12:05:09');
    assert.equal(formatWallTime('2026-11-27T17:00:00Z', 'Asia/Shanghai'), '2026-11-28 01:00:00');
    assert.equal(formatWallTime('2026-11-27T17:00:00Z', 'Asia/Urumqi'), '2026-11-27 23:00:00');
    assert.equal(formatWallTime('not a time', 'Asia/Shanghai'), 'not a time');
  });

  it('the day an instant falls on, and the instant a day begins, in each zone', () => {
    assert.equal(isoDateOfInstant('2026-03-01T17:00:00Z', 'Asia/Shanghai'), '2026-03-02');
    assert.equal(isoDateOfInstant('2026-03-01T17:00:00Z', 'Asia/Urumqi'), '2026-03-01');
    assert.equal(dayStartInstant('2026-03-02', 'Asia/Shanghai'), '2026-03-01T16:00:00.000Z');
    assert.equal(dayStartInstant('2026-03-02', 'Asia/Urumqi'), '2026-03-01T18:00:00.000Z');
    assert.equal(dayStartInstant('2026-02-28', 'Asia/Shanghai', 1), '2026-02-28T16:00:00.000Z', 'a day later is 1 March');
  });

  it('a day start across a daylight-saving change lands on local midnight', () => {
    // Berlin moves from +1 to +2 on 29 March 2026.
    assert.equal(dayStartInstant('2026-03-29', 'Europe/Berlin'), '2026-03-28T23:00:00.000Z');
    assert.equal(dayStartInstant('2026-03-29', 'Europe/Berlin', 1), '2026-03-29T22:00:00.000Z');
  });
});

describe("a zone's UTC offsets over a window (sent to the web with the signed-in user)", () => {
  const at = (iso: string) => Date.parse(iso);
  const readable = (spans: { from: number; offsetMinutes: number }[]) =>
    spans.map((s) => `${new Date(s.from).toISOString()} ${s.offsetMinutes}`);

  it('a zone without daylight saving has one entry: its offset from the window start', () => {
    const from = at('2026-01-01T00:00:00Z');
    assert.deepEqual(offsetTransitions(from, from + 800 * MS_PER_DAY, 'Asia/Shanghai'), [{ from, offsetMinutes: 480 }]);
    assert.deepEqual(offsetTransitions(from, from + 800 * MS_PER_DAY, 'Asia/Kathmandu'), [{ from, offsetMinutes: 345 }]);
  });

  it('Berlin: the changes of a year, at the minute they take effect (01:00 UTC)', () => {
    assert.deepEqual(readable(offsetTransitions(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), 'Europe/Berlin')), [
      '2026-01-01T00:00:00.000Z 60',
      '2026-03-29T01:00:00.000Z 120',
      '2026-10-25T01:00:00.000Z 60',
    ]);
  });

  it('New York: the changes of two years, 2 a.m. local', () => {
    assert.deepEqual(readable(offsetTransitions(at('2026-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z'), 'America/New_York')), [
      '2026-01-01T00:00:00.000Z -300',
      '2026-03-08T07:00:00.000Z -240',
      '2026-11-01T06:00:00.000Z -300',
      '2027-03-14T07:00:00.000Z -240',
      '2027-11-07T06:00:00.000Z -300',
    ]);
  });

  it('a window starting in summer time starts with the summer offset; its start is taken down to a minute', () => {
    const spans = offsetTransitions(at('2026-07-01T12:34:56.789Z'), at('2026-12-01T00:00:00Z'), 'Europe/Berlin');
    assert.deepEqual(readable(spans), ['2026-07-01T12:34:00.000Z 120', '2026-10-25T01:00:00.000Z 60']);
  });

  it('a window shorter than a day finds the change inside it', () => {
    assert.deepEqual(readable(offsetTransitions(at('2026-03-28T22:00:00Z'), at('2026-03-29T01:01:00Z'), 'Europe/Berlin')), [
      '2026-03-28T22:00:00.000Z 60',
      '2026-03-29T01:00:00.000Z 120',
    ]);
  });
});
