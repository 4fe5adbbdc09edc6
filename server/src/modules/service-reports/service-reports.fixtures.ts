import assert from 'node:assert/strict';
import { dayNumberOfIsoDate, isoDateOfDayNumber, isoWeekdayOf, todayIn } from '@contract/zoned-time';
import type { Db } from '../../db/database';
import type { Client } from '../../testing/test-app';

/** A PNG of 1×1 pixel: what a signature pad's canvas gives, smallest. */
export const SIGNATURE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Tests: take a request from issued to on site as its responsible engineer. */
export async function bringOnSite(engineer: Client, requestId: number): Promise<void> {
  for (const action of ['accept', 'schedule', 'arrive']) {
    const r = await engineer.post(`/api/service-requests/${requestId}/${action}`, {});
    assert.equal(r.status, 200, `${action}: ${r.text}`);
  }
}

/**
 * Tests: a visit row as the visits module writes it (its API is that module's): travel, arrival,
 * departure, work done, the engineers present. Answers its id.
 */
export async function insertVisit(
  db: Db,
  v: { requestId: number; engineerId: number; others?: number[]; workDone?: string; arrivedAt?: string; departedAt?: string },
): Promise<number> {
  const at = new Date().toISOString();
  const row = await db
    .insertInto('visit')
    .values({
      service_request_id: v.requestId,
      engineer_id: v.engineerId,
      travel_started_at: '2026-12-07T00:30:00.000Z',
      arrived_at: v.arrivedAt ?? '2026-12-07T01:30:00.000Z',
      departed_at: v.departedAt ?? '2026-12-07T08:00:00.000Z',
      work_done: v.workDone ?? null,
      created_by_id: v.engineerId,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await db
    .insertInto('visit_engineer')
    .values([v.engineerId, ...(v.others ?? [])].map((user_id) => ({ visit_id: id, user_id })))
    .execute();
  return id;
}

/**
 * Tests: make the company calendar such that the next working day after today comes after a
 * weekend and a public holiday — every weekday from tomorrow to the Monday after the coming
 * weekend is a holiday. Answers that next working day and the one after it.
 */
export async function holidaysBeforeNextWorkday(admin: Client, timeZone: string): Promise<{ dueOn: string; latestOn: string }> {
  const today = dayNumberOfIsoDate(todayIn(timeZone));
  let saturday = today + 1;
  while (isoWeekdayOf(saturday) !== 6) saturday++;
  const from = isoDateOfDayNumber(today + 1);
  const to = isoDateOfDayNumber(saturday + 2);
  const years = new Set([from.slice(0, 4), to.slice(0, 4)]);
  for (const year of years) {
    const current = await admin.get(`/api/calendar/years/${year}`);
    const start = from.slice(0, 4) === year ? from : `${year}-01-01`;
    const end = to.slice(0, 4) === year ? to : `${year}-12-31`;
    const r = await admin.request('PUT', `/api/calendar/years/${year}`, {
      provisional: false,
      holidays: [{ nameZh: '测试假日', nameEn: 'Test holiday', from: start, to: end }],
      makeUpWorkdays: [],
      ...(current.status === 200 && { version: current.body.version }),
    });
    assert.equal(r.status, 200, r.text);
  }
  return { dueOn: isoDateOfDayNumber(saturday + 3), latestOn: isoDateOfDayNumber(saturday + 4) };
}

/** The first PDF attached to a raw MIME message, decoded. */
export function pdfAttachmentOf(raw: string): { fileName: string; bytes: Buffer } | null {
  const m = /Content-Type: application\/pdf;?[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n((?:[^\r\n]+\r?\n)*?)\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  if (!m) return null;
  const name = /filename\*?=(?:utf-8'')?"?([^";\r\n]+)"?/i.exec(m[0]);
  return { fileName: name ? decodeURIComponent(name[1]) : '', bytes: Buffer.from(m[2].replace(/\s+/g, ''), 'base64') };
}
