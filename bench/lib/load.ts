import autocannon from 'autocannon';
import { machineBusySeconds, processCpuSeconds } from './machine';
import { percentileSorted } from './stats';

export interface LoadOptions {
  url: string;
  /** Server process whose CPU share is measured during the run. */
  serverPid: number;
  seconds: number;
  connections: number;
  /**
   * Requests per second across all connections; omitted: as fast as the server answers. Not spread
   * in time: each connection sends its share of a second back to back when its 1-second timer
   * refills it, so the server sees bursts `connections` deep once a second. For latency at a
   * nominal rate, use paced-load.ts.
   */
  overallRate?: number;
  headers?: Record<string, string>;
  /** GET when omitted; a `body` is sent as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
}

export interface LoadResult {
  reqPerSec: number;
  /** Latencies of 2xx responses in ms, measured to the microsecond (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** CPU cores used: server process, this (autocannon) process, and everything else on the machine (a database server, other users). */
  serverCores: number;
  clientCores: number;
  otherCores: number;
  /** Server CPU time per response in µs: less sensitive than req/s to other load on the machine. */
  serverCpuUsPerRequest: number;
}

/** One autocannon run against a server in another process. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const serverCpu0 = processCpuSeconds(opts.serverPid);
  const clientCpu0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    method: opts.method ?? 'GET',
    ...(opts.body ? { body: opts.body } : {}),
    headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
  });
  const result = await instance;
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = processCpuSeconds(opts.serverPid) - serverCpu0;
  const serverCores = serverCpu / wall;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCores = (clientCpu.user + clientCpu.system) / 1e6 / wall;
  const otherCores = Math.max(0, (machineBusySeconds() - machine0) / wall - serverCores - clientCores);
  const sorted = Float64Array.from(latencies).sort();
  return {
    reqPerSec: result.requests.average,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    responses: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCores,
    clientCores,
    otherCores,
    serverCpuUsPerRequest: (serverCpu * 1e6) / Math.max(1, latencies.length + result.non2xx),
  };
}
