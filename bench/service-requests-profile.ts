/**
 * Aggregate a V8 .cpuprofile of the app server during the create run: busy time (idle excluded)
 * by package/area, top self-time functions, and inclusive time of the app's own functions.
 *
 *   node --import tsx bench/service-requests-profile.ts <file.cpuprofile> [--top 25]
 */
import fs from 'node:fs';
import path from 'node:path';
import { argValue } from './lib/stats';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn}`;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /\/(server\/src\/[^/]+(?:\/[^/]+)?|contract|bench)\//.exec(url);
  return m ? m[1] : url.replace(/^file:\/\//, '');
}

export function summariseProfile(file: string, top = 25): void {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'}  ${area(n.callFrame.url, n.callFrame.functionName)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const selfT = new Map<number, number>();
  let busy = 0;
  let idle = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    const fn = byId.get(id)?.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') {
      if (fn === '(idle)') idle += dt;
      else busy += dt;
      if (fn === '(idle)') return;
    } else busy += dt;
    selfT.set(id, (selfT.get(id) ?? 0) + dt);
  });
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, t] of selfT) {
    const n = byId.get(id) as Node;
    const a = area(n.callFrame.url, n.callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + t);
    byFn.set(name(n), (byFn.get(name(n)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cn = byId.get(cur) as Node;
      if (!/server\/src|contract\//.test(cn.callFrame.url)) continue;
      const k = name(cn);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
  }
  const show = (title: string, m: Map<string, number>, n: number) => {
    console.log(`\n  ${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${((v / busy) * 100).toFixed(1).padStart(6)} %  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  };
  console.log(`\n  ${path.basename(file)}: ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle (shares below are of busy time)`);
  show('self time by package / area', byArea, 18);
  show('top self-time functions', byFn, top);
  show("inclusive time of the app's own functions (server/src, contract)", incl, top);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const f = process.argv[2];
  if (!f) {
    console.error('usage: service-requests-profile.ts <file.cpuprofile> [--top 25]');
    process.exit(2);
  }
  summariseProfile(f, Number(argValue(process.argv, '--top') ?? 25));
}
