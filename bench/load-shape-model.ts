/**
 * What a load generator's shape alone does to a p95, with no machine in the way: a single-threaded
 * server answering FIFO in a fixed S ms a request, fed (1) as autocannon's `overallRate: 50` with
 * 10 connections feeds it — each connection gets 5 requests at every second's start (all timers
 * start in one tick) and sends the next as soon as its previous one is answered — and (2) Poisson
 * arrivals at 50/s (bench/lib/paced-load.ts). Then a cold round: S falling over the first saves
 * as `bench/call-save-timing.ts` measures it (the 1st ≈ 22×, #2–10 ≈ 2.2×, #11–200 ≈ 1.2× a warm
 * save). Prints, never asserts; a load-independent check of the calls bench's figures (issue 7).
 *
 *   node --import tsx bench/load-shape-model.ts
 */
import { fmt, percentileSorted } from './lib/stats';

const CONNECTIONS = 10;
const RATE = 50;

/** Latencies of a FIFO server, `serviceMs(i)` for the i-th request served, fed by autocannon's overallRate. */
function autocannonRate(seconds: number, serviceMs: (i: number) => number): number[] {
  const latencies: number[] = [];
  let free = 0;
  let served = 0;
  for (let second = 0; second < seconds; second++) {
    const t = second * 1000;
    const tokens = new Array<number>(CONNECTIONS).fill(RATE / CONNECTIONS - 1);
    // [sent at, connection]
    const waiting: [number, number][] = Array.from({ length: CONNECTIONS }, (_, c) => [t, c]);
    while (waiting.length > 0) {
      waiting.sort((a, b) => a[0] - b[0]);
      const [sentAt, c] = waiting.shift() as [number, number];
      free = Math.max(free, sentAt) + serviceMs(served++);
      latencies.push(free - sentAt);
      if (tokens[c] > 0) {
        tokens[c]--;
        waiting.push([free, c]);
      }
    }
  }
  return latencies;
}

/** The same server fed Poisson arrivals (seeded linear congruential generator). */
function poisson(seconds: number, serviceMs: (i: number) => number): number[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const latencies: number[] = [];
  let free = 0;
  for (let t = 0, i = 0; ; i++) {
    t += (-Math.log(1 - random()) * 1000) / RATE;
    if (t >= seconds * 1000) break;
    free = Math.max(free, t) + serviceMs(i);
    latencies.push(free - t);
  }
  return latencies;
}

const p95 = (xs: number[]) => fmt(percentileSorted(Float64Array.from(xs).sort(), 95));

console.log(`FIFO server, ${RATE} req/s: autocannon overallRate (${CONNECTIONS} connections) vs Poisson arrivals, p95 in ms`);
for (const s of [0.35, 0.4, 1.0, 1.2, 1.4]) {
  const fixed = () => s;
  console.log(
    `  S ${fmt(s)} ms   autocannon ${p95(autocannonRate(60, fixed)).padStart(6)}   Poisson ${p95(poisson(600, fixed)).padStart(6)}`,
  );
}
const warm = 1.2;
const cold = (i: number) => (i === 0 ? 22 * warm : i < 10 ? 2.2 * warm : i < 200 ? 1.2 * warm : warm);
console.log(
  `  first 5 s after a start, warm S ${fmt(warm)} ms (cold curve above)   autocannon ${p95(autocannonRate(5, cold))}   Poisson ${p95(poisson(5, cold))}`,
);
