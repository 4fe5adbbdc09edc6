/**
 * The three hostile files of the hardening issue, imported as a browser sends them (another
 * process streams the upload to a listening server) while /readyz is polled every 5 ms: how
 * long each refusal takes once the file is sent, and the slowest /readyz answer meanwhile,
 * against the slowest one in the second before with no import. Targets: refusal < 2 s, /readyz
 * < 100 ms. SQLite (the parsing is the same on both engines). Prints, never asserts.
 *
 *   node --import tsx bench/hostile-imports.bench.ts [--runs 3]
 */
import { timedImports } from '../server/src/modules/imports/import-timing.fixtures';
import { inlineCell, sheetXlsx, xlsxWithRows, xlsxWithSharedStrings } from '../server/src/modules/imports/imports.fixtures';
import { startTestApp } from '../server/src/testing/test-app';
import { machineLine } from './lib/machine';
import { argValue, fmt, median } from './lib/stats';

const runs = Number(argValue(process.argv, '--runs') ?? 3);
const MB = 1024 * 1024;

console.log(`hostile-imports.bench — ${machineLine()}`);
const t = await startTestApp('sqlite');
try {
  const admin = await t.admin();
  const timedImport = await timedImports(t);
  // Loads exceljs and the upload path once, as a running server has.
  await timedImport(admin, 'warm-up.xlsx', [await sheetXlsx([['合同编号'], ['x']])]);
  const farSheet = await xlsxWithRows(`<row r="1">${inlineCell('A1', '合同编号')}</row><row r="99999999">${inlineCell('A99999999', 'x')}</row>`);
  const bomb = await xlsxWithSharedStrings(200);
  function* lineBreaks() {
    const mb = Buffer.alloc(MB, '\n');
    yield Buffer.from('合同编号,SN\n');
    for (let i = 0; i < 49; i++) yield mb;
  }
  const files: { name: string; pieces: () => Buffer[] | Iterable<Buffer> }[] = [
    { name: 'row 99,999,999 (84 B sheet)', pieces: () => [farSheet] },
    { name: '49 MB of line breaks (.csv)', pieces: lineBreaks },
    { name: 'one 200 MB shared string (.xlsx < 1 MB)', pieces: () => [bomb] },
  ];
  console.log('file | status | refused in, ms (median of runs) | slowest /readyz meanwhile, ms | slowest /readyz before, ms');
  for (const f of files) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await timedImport(admin, f.name.endsWith('(.csv)') ? 'hostile.csv' : 'hostile.xlsx', f.pieces()));
    const statuses = [...new Set(results.map((r) => `${r.status} ${r.body.code}`))].join(', ');
    console.log(
      [
        f.name,
        statuses,
        fmt(median(results.map((r) => r.ms)), 0),
        fmt(Math.max(...results.map((r) => r.slowestReadyz)), 0),
        fmt(Math.max(...results.map((r) => r.baseline)), 0),
      ].join(' | '),
    );
  }
} finally {
  await t.close();
}
