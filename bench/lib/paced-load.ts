import http from 'node:http';
import { machineBusySeconds, processCpuSeconds } from './machine';
import { percentileSorted } from './stats';

/**
 * Open-loop load at a nominal rate, with arrivals spread in time as independent users make them.
 *
 * Why not autocannon's `overallRate`: it gives each connection a budget of `rate / connections`
 * requests per second, refilled by a 1-second timer per connection, and the connection spends it
 * back to back. With 10 connections at 50 req/s, all 50 requests of a second leave within a few
 * milliseconds of the second's start, 10 at a time, and the server is idle for the ~950 ms
 * after. Its "p95 at 50 req/s" is the p95 of a burst at concurrency 10 on a server that was idle
 * for a second — no better than the saturated run, which is what its figures showed.
 *
 * Here request i is due at a time drawn from a Poisson process of the rate (exponential gaps,
 * seeded: every run sends the same schedule), sent on a free keep-alive connection (Nagle off),
 * and its latency counts from when it was DUE, not when it left: a late timer or a busy client
 * adds to the figure instead of hiding it (no coordinated omission).
 */
export interface PacedOptions {
  url: string;
  /** Server process whose CPU share is measured during the run. */
  serverPid: number;
  seconds: number;
  /** Mean arrivals per second. */
  rate: number;
  headers?: Record<string, string>;
  /** GET when omitted; a `body` is sent as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
  /** Seed of the arrival schedule. */
  seed?: number;
}

export interface PacedResult {
  reqPerSec: number;
  /** From due time to the response's last byte, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p95 of the time the server itself reported (`server-timing: app;dur=…`), when it does. */
  serverP95: number;
  /** p95 of how late the client sent a request after it was due (its timer, its own load). */
  sendLagP95: number;
  /** Latencies in order of sending (for a first-N-after-start view). */
  latencies: number[];
  responses: number;
  non2xx: number;
  errors: number;
  serverCores: number;
  clientCores: number;
  otherCores: number;
}

/** Mulberry32: a small seeded generator, so the schedule is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runPaced(opts: PacedOptions): Promise<PacedResult> {
  const random = seeded(opts.seed ?? 1);
  const due: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - random()) / opts.rate) * 1000;
    if (t >= opts.seconds * 1000) break;
    due.push(t);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(opts.url);
  const headers = {
    ...(opts.body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(opts.body)) } : {}),
    ...(opts.headers ?? {}),
  };
  const latencies = new Array<number>(due.length).fill(Number.NaN);
  const serverMs: number[] = [];
  const sendLag: number[] = [];
  let non2xx = 0;
  let errors = 0;

  const serverCpu0 = processCpuSeconds(opts.serverPid);
  const clientCpu0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const t0 = performance.now();

  const send = (i: number) =>
    new Promise<void>((resolve) => {
      sendLag.push(performance.now() - t0 - due[i]);
      const req = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: opts.method ?? 'GET', headers },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            const ms = performance.now() - t0 - due[i];
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) {
              latencies[i] = ms;
              const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
              if (timing) serverMs.push(Number(timing[1]));
            } else non2xx++;
            resolve();
          });
        },
      );
      req.on('socket', (socket) => socket.setNoDelay(true));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(opts.body);
    });

  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < due.length; i++) {
    const wait = t0 + due[i] - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
  const wall = (performance.now() - t0) / 1000;
  agent.destroy();

  const serverCores = (processCpuSeconds(opts.serverPid) - serverCpu0) / wall;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCores = (clientCpu.user + clientCpu.system) / 1e6 / wall;
  const otherCores = Math.max(0, (machineBusySeconds() - machine0) / wall - serverCores - clientCores);
  const ok = latencies.filter((x) => !Number.isNaN(x));
  const sorted = Float64Array.from(ok).sort();
  return {
    reqPerSec: ok.length / wall,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    serverP95: percentileSorted(Float64Array.from(serverMs).sort(), 95),
    sendLagP95: percentileSorted(Float64Array.from(sendLag).sort(), 95),
    latencies,
    responses: ok.length,
    non2xx,
    errors,
    serverCores,
    clientCores,
    otherCores,
  };
}
