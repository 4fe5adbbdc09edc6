/**
 * Where a service-request create's CPU goes, by part of the create, from a V8 .cpuprofile of
 * creates only (bench/create-cost.ts --cpu-prof FILE): each sample is given to the innermost frame
 * of its stack that names a part (validation, reference checks, number, insert, search entry,
 * notifications, audit, SLA clocks, response, serialisation, logging, …), and, within the part, to
 * the layer its leaf frame runs in (the database driver and engine, Kysely, zod, the app's own JS,
 * GC). The profile's busy time is sampled wall time (a descheduled thread still collects samples,
 * so it exceeds the CPU time on a loaded machine): each part's share of it is applied to the CPU
 * per create measured by process.cpuUsage (`cpuPerCreate`, µs) to give µs of CPU per create.
 * Samples in the inspector's own `dispatch` (stopping the profiler) are left out.
 *
 *   node --import tsx bench/create-parts.ts <file.cpuprofile> --creates N --cpu-per-create µs
 */
import fs from 'node:fs';
import path from 'node:path';
import { argValue } from './lib/stats';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** A part: a function name (exact or pattern), optionally only in files whose path matches `file`. */
interface PartRule {
  part: string;
  fn: RegExp;
  file?: RegExp;
}

/** Innermost match wins, so nested parts (the insert inside the transaction) are counted apart. */
export const CREATE_PARTS: PartRule[] = [
  { part: 'body validation (zod)', fn: /./, file: /fastify-type-provider-zod|validation-issues|text-hygiene/ },
  { part: 'auth + session', fn: /./, file: /http\/auth-hooks|modules\/auth\/|session/ },
  {
    part: 'logging',
    fn: /./,
    file: /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped)|log-destination/,
  },
  { part: 'logging', fn: /^onResponse$|^(anonymous)$/, file: /server\/src\/app\.ts/ },
  { part: 'response serialisation (zod parse + JSON)', fn: /./, file: /http\/serializer/ },
  {
    part: 'reference checks',
    fn: /^(findCreateRefs|assertEquipment|findContractServiceKinds|enforceScopeGuard|enforceGuard|getProjectRefs|assertBackupDiffers|assertPlanOrder)$/,
  },
  { part: 'plan (row values, year)', fn: /^(planCreate|yearIn|toIso)$/ },
  { part: 'number', fn: /^(nextFormattedNumber|nextNumber|formatNumber|nextNumberSql)$/ },
  { part: 'insert request row', fn: /^(insertNewRequest|addEquipment)$/ },
  {
    part: 'search entry (tokens + queue)',
    fn: /^(queueNewRequest|requestTokens|indexTokens|movePendingEntries|newEntrySql|requestTokensSql)$/,
  },
  {
    part: 'notifications (rows + outbox)',
    fn: /^(notificationsOfNewRecord|insertNotifications|assignmentNotices|createNotices|notificationsWrite|fanOutSql)$/,
  },
  { part: 'audit (row + JSON)', fn: /^(auditOfNewRecord|insertAuditEvent|createAudit|auditEventWrite)$/ },
  { part: 'PostgreSQL statement building', fn: /^(insertCreatedRequestPg|insertWithRefs|valueWithRefs)$/ },
  { part: 'transaction (begin, group, commit)', fn: /^(transactGrouped|runGrouped|commitGroup|schedule|runAlone|transact)$/ },
  {
    part: 'response: SLA clocks + calendar',
    fn: /^(slaClocksOf|computeSlaClocks|loadCalendarSpec|toSlaDto|coverageWindowOf|commitmentsOf|toCommitments)$/,
  },
  {
    part: 'response: detail, warnings',
    fn: /^(detailOf|createdRowOf|commitmentWarnings|scopeWarnings|allowedActions|toServiceRequest)$/,
    file: /service-requests|contract\//,
  },
];

function layerOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return '(program)';
  if (!url) return `native ${fn}`.slice(0, 40);
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node core';
  return 'app JS';
}

export function createParts(file: string, creates: number, cpuPerCreate: number): void {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOfNode = new Map<number, string>();
  const partOf = (id: number): string => {
    const cached = partOfNode.get(id);
    if (cached) return cached;
    let part = 'other (HTTP, Fastify, inject, hooks)';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = (byId.get(cur) as Node).callFrame;
      const hit = CREATE_PARTS.find((r) => r.fn.test(f.functionName || '(anonymous)') && (!r.file || r.file.test(f.url)));
      if (hit) {
        part = hit.part;
        break;
      }
      if (f.functionName === '(garbage collector)') {
        part = 'GC';
        break;
      }
    }
    partOfNode.set(id, part);
    return part;
  };
  const parts = new Map<string, Map<string, number>>();
  let busy = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    const n = byId.get(id) as Node;
    if (n.callFrame.functionName === '(idle)' || (n.callFrame.functionName === 'dispatch' && !n.callFrame.url)) return;
    busy += dt;
    const part = partOf(id);
    const layers = parts.get(part) ?? new Map<string, number>();
    parts.set(part, layers);
    const layer = layerOf(n.callFrame.url, n.callFrame.functionName);
    layers.set(layer, (layers.get(layer) ?? 0) + dt);
  });
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  // µs of CPU per create for `t` µs of sampled busy time.
  const cpu = (t: number) => ((t / busy) * cpuPerCreate).toFixed(0);
  console.log(
    `\n  ${path.basename(file)}: ${(busy / 1000).toFixed(0)} ms sampled busy over ${creates} creates, shares applied to ${cpuPerCreate.toFixed(0)} µs CPU per create`,
  );
  console.log('  part                                      µs CPU/create  share   by layer (µs CPU/create)');
  for (const [part, layers] of [...parts].sort((a, b) => total(b[1]) - total(a[1]))) {
    const t = total(layers);
    const top = [...layers]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([l, v]) => `${l} ${cpu(v)}`)
      .join(', ');
    console.log(`  ${part.padEnd(44)} ${cpu(t).padStart(8)}  ${((t / busy) * 100).toFixed(1).padStart(5)} %  ${top}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const f = process.argv[2];
  const creates = Number(argValue(process.argv, '--creates') ?? 0);
  const cpuPerCreate = Number(argValue(process.argv, '--cpu-per-create') ?? 0);
  if (!f || !creates || !cpuPerCreate) {
    console.error('usage: create-parts.ts <file.cpuprofile> --creates N --cpu-per-create µs');
    process.exit(2);
  }
  createParts(f, creates, cpuPerCreate);
}
