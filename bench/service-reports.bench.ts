/**
 * Customer-signed service reports (R-INST-6, R-FORM-1), against the real application in this
 * process (requests by `inject`, SQLite in memory, the PDF worker thread as in production):
 *  1. a report PDF with a signature image and a 20-item checklist: generate time p50/p95 and size;
 *  2. 100 concurrent signings of 100 different reports (each: checks, two images stored, the
 *     PDF printed and stored, the durable transaction, the e-mail queued, the archive copy, the
 *     follow-up): errors and throughput;
 *  3. the event loop's delay (p99) while report PDFs are printed at 10/s alongside list reads.
 * Prints, never asserts.
 *
 *   node --import tsx bench/service-reports.bench.ts [--count 100] [--seconds 5] [--only pdfs|reads]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import { closeFormPrinter } from '../server/src/pdf/form-pdf';
import { makeContract } from '../server/src/modules/contracts/contracts.fixtures';
import { makeCustomer } from '../server/src/modules/customers/customers.fixtures';
import { insertVisit } from '../server/src/modules/service-reports/service-reports.fixtures';
import { makeServiceRequest } from '../server/src/modules/service-requests/service-requests.fixtures';
import { startTestApp } from '../server/src/testing/test-app';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';

const count = Number(argValue(process.argv, '--count') ?? 100);
const seconds = Number(argValue(process.argv, '--seconds') ?? 5);
/** `pdfs` or `reads`: only that half of the third part, to tell which one delays the event loop. */
const only = argValue(process.argv, '--only');

// ── A signature as a pad gives it: a 600×200 PNG with a pen stroke ──

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function signaturePng(width = 600, height = 200): Buffer {
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  for (let x = 20; x < width - 20; x++) {
    const y0 = Math.round(height / 2 + Math.sin(x / 23) * 50 + Math.sin(x / 7) * 12);
    for (let d = -2; d <= 2; d++) raw[(y0 + d) * (width + 1) + 1 + x] = 0;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const summary = (label: string, times: number[], extra = '') => {
  const s = [...times].sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${fmt(percentileSorted(s, 50), 1)} ms  p95 ${fmt(percentileSorted(s, 95), 1)} ms${extra}`);
};

console.log(machineLine());
const t = await startTestApp('sqlite', { FUWU_PUBLIC_URL: 'https://fuwu.example.cn' });
const db = t.app.deps.database.db;
const u = await t.usersWith({ tm: ['tech_manager'], eng: ['engineer'] }, (k) => ({ tm: '周经理', eng: '王工程师' })[k]);
const admin = await t.admin();
const customer = await makeCustomer(db, {
  name: '上海华东数据有限公司',
  contacts: [{ name: '李工', phones: ['138 0013 8000'], email: 'li@hddata.example' }],
});
const contract = await makeContract(db, { status: 'active', customerId: customer.id });

// A 20-item checklist for emergency repairs (numbers with ranges and yes/no items).
const items = Array.from({ length: 20 }, (_, i) =>
  i % 2 === 0
    ? {
        key: `n${i}`,
        type: 'number',
        labelZh: `测量值 ${i}（机房环境）`,
        labelEn: `Reading ${i}`,
        unit: '°C',
        min: 18,
        max: 27,
        required: true,
      }
    : { key: `y${i}`, type: 'yes_no', labelZh: `检查项目 ${i}：连接与清洁`, labelEn: `Check ${i}`, required: true },
);
const answers = Object.fromEntries(items.map((it, i) => [it.key, it.type === 'number' ? (i === 0 ? 31 : 22) : true]));
const tpl = await admin.post('/api/checklist-templates', {
  code: 'bench_repair',
  serviceKind: 'emergency_repair',
  nameZh: '故障处理检查表',
  nameEn: 'Repair checklist',
  items,
});
if (tpl.status !== 201) throw new Error(tpl.text);

const png = signaturePng();
const png64 = png.toString('base64');
console.log(`signature image: ${fmt(png.length / 1024, 1)} KB PNG, 600×200`);

async function draft(): Promise<{ id: number; version: number }> {
  const sr = await makeServiceRequest(
    u.tm.client,
    { customerId: customer.id, contractId: contract.id },
    { contactName: '李工', responsibleEngineerId: u.eng.user.id, issue: true },
  );
  const visitId = await insertVisit(db, {
    requestId: sr.id,
    engineerId: u.eng.user.id,
    workDone: '更换故障硬盘，重建 RAID，检查日志无异常',
  });
  const r = await u.eng.client.post('/api/service-reports', { visitId });
  const p = await u.eng.client.patch(`/api/service-reports/${r.body.id}`, {
    version: r.body.version,
    checklist: { templateId: tpl.body.id, answers },
    fields: { faultFound: '2 号硬盘故障', result: 'resolved', satisfaction: 5, customerComments: '响应及时，处理专业' },
  });
  if (p.status !== 200) throw new Error(p.text);
  return { id: p.body.id, version: p.body.version };
}
const pdfOf = (id: number) =>
  t.app.inject({ method: 'GET', url: `/api/service-reports/${id}/report.pdf`, headers: { cookie: u.eng.client.cookie ?? '' } });
const sign = (d: { id: number; version: number }) =>
  u.eng.client.post(`/api/service-reports/${d.id}/sign`, {
    version: d.version,
    signatures: [
      { role: 'customer', signerName: '李工', method: 'pad', image: png64 },
      { role: 'engineer', signerName: '王工程师', method: 'pad', image: png64 },
    ],
  });

// ── 1. One report's PDF: a signed one, printed again (English asks for a fresh print) ──
const one = await draft();
const signed = await sign(one);
if (signed.status !== 200) throw new Error(signed.text);
const t0 = performance.now();
await t.app.inject({
  method: 'GET',
  url: `/api/service-reports/${one.id}/report.pdf?lang=en`,
  headers: { cookie: u.eng.client.cookie ?? '' },
});
console.log(`first print (worker start, fonts parsed): ${fmt(performance.now() - t0, 0)} ms`);
const times: number[] = [];
let size = 0;
for (let i = 0; i < 100; i++) {
  const s = performance.now();
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/service-reports/${one.id}/report.pdf?lang=en`,
    headers: { cookie: u.eng.client.cookie ?? '' },
  });
  times.push(performance.now() - s);
  size = r.rawPayload.length;
}
summary('report PDF (signature + 20 items), request', times, `  ${fmt(size / 1024, 1)} KB`);
const stored = (await pdfOf(one.id)).rawPayload.length;
console.log(`  the stored signed PDF (zh-CN, 2 signature images): ${fmt(stored / 1024, 1)} KB`);

// ── 2. Concurrent signings of different reports ──
const drafts: { id: number; version: number }[] = [];
for (let i = 0; i < count; i++) drafts.push(await draft());
const latencies: number[] = [];
let errors = 0;
const s0 = performance.now();
await Promise.all(
  drafts.map(async (d) => {
    const s = performance.now();
    const r = await sign(d);
    latencies.push(performance.now() - s);
    if (r.status !== 200) {
      errors++;
      if (errors <= 3) console.log(`  error ${r.status}: ${r.text.slice(0, 200)}`);
    }
  }),
);
const wall = (performance.now() - s0) / 1000;
summary(`${count} concurrent signings`, latencies, `  ${errors} errors, ${fmt(count / wall, 1)} signings/s (${fmt(wall, 2)} s)`);

// ── 3. The event loop while PDFs print at 10/s alongside list reads, over real HTTP ──
// The clients run in a worker thread: in production they are browsers, so the loop measured here
// is the server's alone, not the server's plus its load generator's.
const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
const idle = monitorEventLoopDelay({ resolution: 10 });
idle.enable();
await new Promise((r) => setTimeout(r, 1000));
idle.disable();
console.log(`event-loop delay, idle for 1 s: p99 ${fmt(idle.percentile(99) / 1e6, 1)} ms`);
const LOAD_CLIENT = `
const { parentPort, workerData: w } = require('node:worker_threads');
const get = async (cookie, url) => { const r = await fetch(w.address + url, { headers: { cookie } }); await r.arrayBuffer(); return r.status; };
const until = performance.now() + w.seconds * 1000;
let printed = 0, reads = 0; const pdfTimes = []; const inFlight = [];
const printer = (async () => {
  let next = performance.now();
  while (w.only !== 'reads' && performance.now() < until) {
    const id = w.drafts[printed % w.drafts.length]; const s = performance.now();
    inFlight.push(get(w.engCookie, '/api/service-reports/' + id + '/report.pdf?lang=en').then(() => { printed++; pdfTimes.push(performance.now() - s); }));
    next += 100;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
})();
const readers = Array.from({ length: w.only === 'pdfs' ? 0 : 4 }, async () => {
  while (performance.now() < until) { await get(w.tmCookie, '/api/service-reports?pageSize=20'); reads++; }
});
Promise.all([printer, ...readers]).then(() => Promise.all(inFlight)).then(() => parentPort.postMessage({ printed, reads, pdfTimes }));
`;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const { printed, reads, pdfTimes } = await new Promise<{ printed: number; reads: number; pdfTimes: number[] }>((resolve, reject) => {
  const client = new Worker(LOAD_CLIENT, {
    eval: true,
    workerData: {
      address,
      seconds,
      only,
      drafts: drafts.map((d) => d.id),
      engCookie: u.eng.client.cookie ?? '',
      tmCookie: u.tm.client.cookie ?? '',
    },
  });
  client.once('message', resolve);
  client.once('error', reject);
});
delay.disable();
summary(
  `PDFs at 10/s while reading lists, ${seconds} s`,
  pdfTimes,
  `  ${printed} PDFs, ${reads} list reads (${fmt(reads / seconds, 0)}/s)`,
);
console.log(
  `  event-loop delay meanwhile: p50 ${fmt(delay.percentile(50) / 1e6, 1)} ms, p99 ${fmt(delay.percentile(99) / 1e6, 1)} ms, max ${fmt(delay.max / 1e6, 1)} ms`,
);
await t.close();
await closeFormPrinter();
