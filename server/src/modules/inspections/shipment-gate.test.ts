import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { burnInWarning, inspectionGate, unitGate } from './shipment-gate';

const TZ = 'Asia/Shanghai';
const unit = (startedAt: string, endedAt: string | null, result: string | null = 'passed') => ({
  consent: 'not_needed' as const,
  burnIn: { startedAt, endedAt, result },
  readyAt: null,
  deliveryNoteId: null,
});
const settings = { minBurnInHours: 12, plannedShipDate: '2026-12-10', timeZone: TZ };

describe('shipment gate', () => {
  it('R-GOODS-3 11 h 59 min of burn-in is 1 minute short; 12 h passes', () => {
    const short = unitGate(unit('2026-12-07T00:00:00Z', '2026-12-07T11:59:00Z'), settings);
    assert.equal(short.state, 'short');
    assert.equal(short.reasons[0].minutesShort, 1);
    assert.match(short.reasons[0].message.en, /0 h 1 min short/);
    assert.equal(unitGate(unit('2026-12-07T00:00:00Z', '2026-12-07T12:00:00Z'), settings).state, 'passed');
  });

  it('R-GOODS-3 the burn-in ends at least 24 h before the shipment day begins, in the company zone', () => {
    // Shipment on 12-10 (Shanghai): the burn-in must end by 12-09 00:00 Shanghai = 12-08T16:00Z.
    assert.equal(unitGate(unit('2026-12-08T04:00:00Z', '2026-12-08T16:00:00Z'), settings).state, 'passed');
    const late = unitGate(unit('2026-12-08T04:00:00Z', '2026-12-08T16:01:00Z'), settings);
    assert.equal(late.state, 'too_late');
    assert.equal(late.reasons[0].endBy, '2026-12-09 00:00');
    assert.match(late.reasons[0].message.zh, /晚了 0 小时 1 分钟/);
  });

  it('R-GOODS-3 every reason is given: failed, short and too late at once', () => {
    const g = unitGate(unit('2026-12-09T00:00:00Z', '2026-12-09T02:00:00Z', 'failed'), settings);
    assert.equal(g.state, 'failed');
    assert.deepEqual(
      g.reasons.map((r) => r.code),
      ['failed', 'hours_short', 'date_too_late'],
    );
  });

  it('R-GOODS-4 a unit the customer refused to open is not tested and passes the gate by the customer’s choice', () => {
    assert.equal(unitGate({ consent: 'refused', burnIn: null, readyAt: null, deliveryNoteId: null }, settings).state, 'customer_declined');
  });

  it('R-GOODS-5 a contract setting of 8 h (overridden) moves the bar', () => {
    assert.equal(unitGate(unit('2026-12-07T00:00:00Z', '2026-12-07T08:00:00Z'), { ...settings, minBurnInHours: 8 }).state, 'passed');
  });

  it('an inspection is as far as its least advanced unit; the warning needs a near shipment and a unit not started', () => {
    const g = (state: 'not_started' | 'running' | 'passed' | 'short') => ({
      gate: { state, reasons: [] },
      readyAt: null,
      deliveryNoteId: null,
    });
    assert.equal(inspectionGate([g('passed'), g('running')]), 'burn_in');
    assert.equal(inspectionGate([g('passed'), g('short')]), 'blocked');
    assert.equal(inspectionGate([g('passed')]), 'passed');
    assert.equal(inspectionGate([{ ...g('passed'), readyAt: 'x' }]), 'ready');
    assert.equal(inspectionGate([{ ...g('passed'), readyAt: 'x', deliveryNoteId: 1 }]), 'shipped');
    assert.equal(burnInWarning('2026-12-10', '2026-12-07', [g('not_started')]), true);
    assert.equal(burnInWarning('2026-12-11', '2026-12-07', [g('not_started')]), false);
    assert.equal(burnInWarning('2026-12-10', '2026-12-07', [g('running')]), false);
  });
});
