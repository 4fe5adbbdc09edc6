import type { TConsentState, TGateReason, TGateState, TUnitGate } from '@contract/inspections';
import { dayNumberOfIsoDate, dayStartInstant, formatWallTime } from '@contract/zoned-time';

/** What the gate reads of one unit. */
export interface GateUnit {
  consent: TConsentState;
  burnIn: { startedAt: string; endedAt: string | null; result: string | null } | null;
  readyAt: string | null;
  deliveryNoteId: number | null;
}

export interface GateSettings {
  minBurnInHours: number;
  /** `YYYY-MM-DD`, or null when not planned yet. */
  plannedShipDate: string | null;
  timeZone: string;
}

const hm = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { zh: `${h} 小时 ${m} 分钟`, en: `${h} h ${m} min` };
};

/**
 * R-GOODS-3 / R-GOODS-5: a unit may be marked ready to ship only when its burn-in passed, lasted
 * the contract's minimum hours, and ended at least 24 hours before the planned shipment day begins
 * (company zone). A unit the customer refused to have opened (R-GOODS-4) is not tested by
 * the customer's choice and passes. Every reason is given, with its figures.
 */
export function unitGate(u: GateUnit, s: GateSettings): TUnitGate {
  if (u.consent === 'refused') return { state: 'customer_declined', reasons: [] };
  const reasons: TGateReason[] = [];
  const b = u.burnIn;
  if (!b) {
    reasons.push({ code: 'not_started', message: { zh: '尚未开始老化测试', en: 'The burn-in has not started' } });
    return { state: 'not_started', reasons };
  }
  if (!b.endedAt) {
    reasons.push({ code: 'running', message: { zh: '老化测试尚未结束', en: 'The burn-in has not ended' } });
    return { state: 'running', reasons };
  }
  let state: TUnitGate['state'] = 'passed';
  if (b.result !== 'passed') {
    reasons.push({ code: 'failed', message: { zh: '老化测试未通过', en: 'The burn-in did not pass' } });
    state = 'failed';
  }
  const minutes = Math.floor((Date.parse(b.endedAt) - Date.parse(b.startedAt)) / 60_000);
  const required = Math.round(s.minBurnInHours * 60);
  if (minutes < required) {
    const short = required - minutes;
    const ran = hm(minutes);
    const gap = hm(short);
    reasons.push({
      code: 'hours_short',
      minutesShort: short,
      message: {
        zh: `老化测试时长 ${ran.zh}，要求至少 ${s.minBurnInHours} 小时，还差 ${gap.zh}`,
        en: `The burn-in lasted ${ran.en}; at least ${s.minBurnInHours} h are required: ${gap.en} short`,
      },
    });
    if (state === 'passed') state = 'short';
  }
  if (!s.plannedShipDate) {
    reasons.push({ code: 'no_ship_date', message: { zh: '尚未填写计划发货日期', en: 'No planned shipment date yet' } });
    if (state === 'passed') state = 'no_ship_date';
  } else {
    // At least one whole day before the shipment day begins (company zone), whatever hour it leaves.
    const deadline = dayStartInstant(s.plannedShipDate, s.timeZone, -1);
    if (Date.parse(b.endedAt) > Date.parse(deadline)) {
      const endBy = formatWallTime(deadline, s.timeZone).slice(0, 16);
      const ended = formatWallTime(b.endedAt, s.timeZone).slice(0, 16);
      const late = hm(Math.ceil((Date.parse(b.endedAt) - Date.parse(deadline)) / 60_000));
      reasons.push({
        code: 'date_too_late',
        endBy,
        message: {
          zh: `老化测试于 ${ended} 结束，计划发货日期为 ${s.plannedShipDate}，须在 ${endBy} 前结束（晚了 ${late.zh}）`,
          en: `The burn-in ended at ${ended} and shipment is planned for ${s.plannedShipDate}: it must end by ${endBy} (${late.en} too late)`,
        },
      });
      if (state === 'passed') state = 'too_late';
    }
  }
  return { state, reasons };
}

/** An inspection's state: shipped when every unit is; ready when every unit is; else the least advanced unit's. */
export function inspectionGate(units: readonly { gate: TUnitGate; readyAt: string | null; deliveryNoteId: number | null }[]): TGateState {
  if (units.length === 0) return 'not_started';
  if (units.every((u) => u.deliveryNoteId !== null)) return 'shipped';
  if (units.every((u) => u.readyAt !== null)) return 'ready';
  const open = units.filter((u) => u.readyAt === null);
  const states = open.map((u) => u.gate.state);
  if (states.includes('not_started')) return 'not_started';
  if (states.includes('running')) return 'burn_in';
  if (states.some((s) => s !== 'passed' && s !== 'customer_declined')) return 'blocked';
  return 'passed';
}

/** The shipment is near (within `days`) and some unit's burn-in has not started. */
export function burnInWarning(plannedShipDate: string | null, today: string, units: readonly { gate: TUnitGate }[], days = 3): boolean {
  if (!plannedShipDate) return false;
  const left = dayNumberOfIsoDate(plannedShipDate) - dayNumberOfIsoDate(today);
  return left >= 0 && left <= days && units.some((u) => u.gate.state === 'not_started');
}
