/**
 * Form PDFs (R-FORM-1): one A4 page with a header, a few fields and a 20-row table, printed the
 * way the routes print it — in the PDF worker thread (`renderFormPdf`) — and, for comparison, drawn
 * on this thread. Also the event loop's delay while forms are printed back to back in the worker.
 * Prints, never asserts.
 *
 *   node --import tsx bench/form-pdf.bench.ts [--count 200]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { drawFormPdf } from '../server/src/pdf/form-draw';
import { loadFormFonts } from '../server/src/pdf/form-fonts';
import { closeFormPrinter, renderFormPdf } from '../server/src/pdf/form-pdf';
import { sampleForm } from '../server/src/pdf/pdf-tools.fixtures';
import { SAMPLE_PNG } from '../server/src/modules/files/files.fixtures';
import { machineLine } from './lib/machine';
import { argValue, fmt, percentileSorted } from './lib/stats';

const count = Number(argValue(process.argv, '--count') ?? 200);

const form = sampleForm({ company: { name: '北京服务科技有限公司', logo: SAMPLE_PNG } }, 20);

function summary(label: string, times: number[], bytes: number) {
  const s = [...times].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} p50 ${fmt(percentileSorted(s, 0.5), 1)} ms  p95 ${fmt(percentileSorted(s, 0.95), 1)} ms  ${fmt(bytes / 1024, 1)} KB`,
  );
}

console.log(machineLine());
const t0 = performance.now();
let pdf = await renderFormPdf(form);
console.log(`first form (worker start, fonts read and parsed): ${fmt(performance.now() - t0, 0)} ms`);

// The same machine's delay with nothing to do, to read the figure below against (a shared, loaded machine).
const idle = monitorEventLoopDelay({ resolution: 10 });
idle.enable();
await new Promise((r) => setTimeout(r, 1000));
idle.disable();
console.log(`event-loop delay, idle for 1 s: p50 ${fmt(idle.percentile(50) / 1e6, 1)} ms, p99 ${fmt(idle.percentile(99) / 1e6, 1)} ms`);

const worker: number[] = [];
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
for (let i = 0; i < count; i++) {
  const s = performance.now();
  pdf = await renderFormPdf(form);
  worker.push(performance.now() - s);
}
delay.disable();
summary(`worker, ${count} forms`, worker, pdf.length);
console.log(
  `event-loop delay meanwhile: p50 ${fmt(delay.percentile(50) / 1e6, 1)} ms, p99 ${fmt(delay.percentile(99) / 1e6, 1)} ms, max ${fmt(delay.max / 1e6, 1)} ms`,
);

const fonts = loadFormFonts();
await drawFormPdf(form, fonts);
const inline: number[] = [];
const inlineDelay = monitorEventLoopDelay({ resolution: 10 });
inlineDelay.enable();
for (let i = 0; i < count; i++) {
  const s = performance.now();
  pdf = await drawFormPdf(form, fonts);
  inline.push(performance.now() - s);
}
inlineDelay.disable();
summary('same thread (for comparison)', inline, pdf.length);
console.log(
  `event-loop delay meanwhile: p50 ${fmt(inlineDelay.percentile(50) / 1e6, 1)} ms, p99 ${fmt(inlineDelay.percentile(99) / 1e6, 1)} ms, max ${fmt(inlineDelay.max / 1e6, 1)} ms`,
);
await closeFormPrinter();
