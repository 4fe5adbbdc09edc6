import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationText, instantOfLocalInput, localInputOfInstant } from './inspection-values';
import { parseSnList } from './sn-list';

describe('inspection form values', () => {
  it('a datetime-local value is the company wall clock, whatever the browser zone', () => {
    assert.equal(instantOfLocalInput('2026-12-05T08:30', 'Asia/Shanghai'), '2026-12-05T00:30:00.000Z');
    assert.equal(localInputOfInstant('2026-12-05T00:30:00.000Z', 'Asia/Shanghai'), '2026-12-05T08:30');
    assert.equal(instantOfLocalInput('', 'Asia/Shanghai'), null);
  });

  it('an 18-hour burn-in reads as such', () => {
    assert.equal(durationText('2026-12-05T00:00:00Z', '2026-12-05T18:00:00Z'), '18 h 0 min');
    assert.equal(durationText('2026-12-05T00:00:00Z', null), null);
  });

  it('a pasted SN list: one per line or separated, blanks and repeats dropped', () => {
    assert.deepEqual(parseSnList('21A001\n 21a001 \n\n21A002, 21A003；21A004\t21A005'), ['21A001', '21A002', '21A003', '21A004', '21A005']);
  });
});
