/**
 * Where a server's CPU went, from a V8 .cpuprofile (me.bench.ts --cpu-prof DIR): share of the
 * busy time (idle excluded) by package, self time, and inclusive time of the heaviest frames.
 *
 *   node --import tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top 30]
 */
import fs from 'node:fs';
import { argValue } from './lib/stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const top = Number(argValue(process.argv, '--top') ?? 30);
if (!file) {
  console.error('usage: cpu-profile-summary.ts <file.cpuprofile> [--top 30]');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (url: string) => {
  if (!url) return '(native)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node core';
  return url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
};
const frame = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<number, number>();
let busy = 0;
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] ?? 0;
  if (byId.get(id)?.callFrame.functionName === '(idle)') return;
  self.set(id, (self.get(id) ?? 0) + dt);
  busy += dt;
});

const byPackage = new Map<string, number>();
const selfByFrame = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, t] of self) {
  const node = byId.get(id);
  if (!node) continue;
  const pkg = where(node.callFrame.url).split('/').slice(0, 3).join('/');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  selfByFrame.set(frame(node), (selfByFrame.get(frame(node)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = frame(byId.get(cur) as ProfileNode);
    if (seen.has(f)) continue;
    seen.add(f);
    inclusive.set(f, (inclusive.get(f) ?? 0) + t);
  }
}

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((v / busy) * 100).toFixed(1).padStart(6)} %  ${k}`);
};
console.log(`${file}: ${(busy / 1e6).toFixed(2)} s busy (idle excluded)`);
show('self time by package', byPackage);
show('self time by function', selfByFrame);
show('inclusive time by function', inclusive);
