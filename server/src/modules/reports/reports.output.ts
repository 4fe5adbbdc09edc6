import type { TLocale } from '@contract/common';
import type { TDashboard, TMonthlySummary, TWeeklyRecord, TWeeklyReport } from '@contract/reports';
import { WORK_HOURS_KIND_LABELS } from '@contract/work-hours';
import type { FastifyReply } from 'fastify';
import type { TFormColumn, TFormField, TFormSection } from '../../pdf/form-layout';
import { type TFormBody, type TFormContext, type TPrintedForm, formText } from '../../pdf/form-text';
import { loadExcelJs } from '../../spreadsheets/exceljs';
import { printForm } from '../company/company.service';
import type { FileStore } from '../files/file-store';
import { attachmentDisposition } from '../files/file-names';
import type { Db } from '../../db/database';

/**
 * Each report as the Weekly Work Report, Weekly Work Record and Monthly Project Summary forms
 * (R-FORM-1) and as .xlsx: both drawn from the same tables, so the two never disagree.
 */
interface ReportTable {
  heading: string;
  columns: TFormColumn[];
  rows: string[][];
}
export interface ReportDoc {
  title: string;
  number: string;
  path: string;
  createdAt: string;
  creator: string | null;
  fields: TFormField[];
  tables: ReportTable[];
  texts: { heading: string; text: string }[];
}

const LINE_KINDS: Record<string, { zh: string; en: string }> = {
  ...WORK_HOURS_KIND_LABELS,
  call: { zh: '来电处理', en: 'Call handled' },
  closed_request: { zh: '关闭服务请求', en: 'Request closed' },
};
const num = (n: number | null) => (n === null ? '—' : String(n));

export function weeklyReportDoc(r: TWeeklyReport, ctx: TFormContext): ReportDoc {
  const { t, pick, field } = formText(ctx);
  const kindLabel = (kind: string) => (LINE_KINDS[kind] ? pick(LINE_KINDS[kind]) : kind);
  return {
    title: t('工作周报', 'Weekly Work Report'),
    number: `WR-${r.weekStart}-${r.engineer.id}`,
    path: `/reports/weekly?week=${r.weekStart}`,
    createdAt: r.submittedAt ?? new Date().toISOString(),
    creator: r.engineer.name,
    fields: [
      field('工程师', 'Engineer', r.engineer.name),
      field('周期', 'Week', `${r.weekStart} – ${r.weekEnd}`),
      field('状态', 'State', r.state),
      field('合计工时', 'Total hours', String(r.totalHours)),
      field('关闭请求', 'Requests closed', String(r.requestsClosed)),
      field('处理来电', 'Calls handled', String(r.callsHandled)),
    ],
    tables: [
      {
        heading: t('工作明细', 'Work done'),
        columns: [
          { label: t('日期', 'Date'), width: 2 },
          { label: t('客户', 'Customer'), width: 3 },
          { label: t('单号', 'Number'), width: 3 },
          { label: t('类别', 'Kind'), width: 2 },
          { label: t('工时', 'Hours'), width: 1 },
          { label: t('结果', 'Result'), width: 4 },
        ],
        rows: r.lines.map((l) => [l.date, l.customer ?? '', l.requestNumber ?? '', kindLabel(l.kind), String(l.hours), l.result]),
      },
      {
        heading: t('按类别合计', 'Totals by kind'),
        columns: [
          { label: t('类别', 'Kind'), width: 3 },
          { label: t('工时', 'Hours'), width: 1 },
        ],
        rows: Object.entries(r.totals).map(([k, h]) => [kindLabel(k), String(h)]),
      },
    ],
    texts: [
      { heading: t('问题', 'Problems'), text: r.problems ?? '' },
      { heading: t('建议', 'Suggestions'), text: r.suggestions ?? '' },
      { heading: t('下周计划', "Next week's plan"), text: r.nextWeekPlan ?? '' },
    ],
  };
}

export function weeklyRecordDoc(r: TWeeklyRecord, ctx: TFormContext): ReportDoc {
  const { t, field } = formText(ctx);
  return {
    title: t('周工作记录', 'Weekly Work Record'),
    number: `WM-${r.weekStart}`,
    path: `/reports/weekly-record?week=${r.weekStart}`,
    createdAt: r.draftedAt,
    creator: null,
    fields: [
      field('周期', 'Week', `${r.weekStart} – ${r.weekEnd}`),
      field('参会人员', 'Attendees', r.attendees.map((a) => a.name).join('、'), true),
      field('合计工时', 'Total hours', String(r.totalHours)),
    ],
    tables: [
      {
        heading: t('工程师汇总', 'Per engineer'),
        columns: [
          { label: t('工程师', 'Engineer'), width: 2 },
          { label: t('工时', 'Hours'), width: 1 },
          { label: t('已关闭', 'Closed'), width: 1 },
          { label: t('未完成', 'Open'), width: 1 },
          { label: t('超时', 'SLA misses'), width: 2 },
          { label: t('摘要', 'Summary'), width: 5 },
        ],
        rows: r.engineers.map((e) => [
          e.engineer.name,
          String(e.hours),
          String(e.requestsClosed),
          String(e.requestsOpen),
          e.slaMisses.map((m) => m.number).join(' '),
          e.summary,
        ]),
      },
      {
        heading: t('待办事项', 'Action items'),
        columns: [
          { label: t('事项', 'Item'), width: 5 },
          { label: t('负责人', 'Owner'), width: 2 },
          { label: t('期限', 'Due'), width: 2 },
          { label: t('完成', 'Done'), width: 2 },
        ],
        rows: r.actions.map((a) => [a.text, a.owner.name, a.dueDate, a.doneAt ? a.doneAt.slice(0, 10) : '']),
      },
    ],
    texts: [{ heading: t('决议', 'Decisions'), text: r.decisions ?? '' }],
  };
}

export function monthlySummaryDoc(s: TMonthlySummary, ctx: TFormContext): ReportDoc {
  const { t, field } = formText(ctx);
  const f = s.figures;
  const p = s.previous;
  const row = (zh: string, en: string, a: number | null, b: number | null, c: number | null) => [t(zh, en), num(a), num(b), num(c)];
  return {
    title: t('月项目汇总表', 'Monthly Project Summary'),
    number: `MS-${s.month}-${s.project ? `P${s.project.id}` : `C${s.contract?.id}`}`,
    path: `/reports/monthly?month=${s.month}`,
    createdAt: s.approvedAt ?? new Date().toISOString(),
    creator: null,
    fields: [
      field('月份', 'Month', s.month),
      field('项目', 'Project', s.project?.name ?? null),
      field('合同编号', 'Contract number', s.contract?.number ?? null),
      field('状态', 'State', s.state),
    ],
    tables: [
      {
        heading: t('指标', 'Figures'),
        columns: [
          { label: t('指标', 'Figure'), width: 3 },
          { label: t('本月', 'This month'), width: 1 },
          { label: t('上月', 'Previous'), width: 1 },
          { label: t('变化', 'Change'), width: 1 },
        ],
        rows: [
          row('服务请求', 'Requests', f.requests, p.requests, s.change.requests),
          ...Object.entries(f.requestsByKind).map(([k, n]) => [
            `  ${k}`,
            String(n),
            num(p.requestsByKind[k] ?? 0),
            num(n - (p.requestsByKind[k] ?? 0)),
          ]),
          row('上门次数', 'Visits', f.visits, p.visits, s.change.visits),
          row('工时', 'Hours', f.hours, p.hours, s.change.hours),
          row('关闭', 'Closed', f.closed, p.closed, s.change.closed),
          row('按时完成率 %', 'SLA met %', f.slaMetPct, p.slaMetPct, s.change.slaMetPct),
          row('未完成事项', 'Open items', f.openItems, p.openItems, s.change.openItems),
          row('备件使用', 'Parts used', f.partsUsed, p.partsUsed, s.change.partsUsed),
          row('预防性维护完成', 'PM done', f.pmDone, p.pmDone, s.change.pmDone),
          row('预防性维护应做', 'PM due', f.pmDue, p.pmDue, s.change.pmDue),
          row('客户满意度', 'Satisfaction', f.satisfaction, p.satisfaction, s.change.satisfaction),
          row(
            '  回访评分',
            '  Follow-up scores',
            f.satisfactionFollowUps ?? null,
            p.satisfactionFollowUps ?? null,
            s.change.satisfactionFollowUps ?? null,
          ),
          row(
            '  培训反馈评分',
            '  Training feedback',
            f.satisfactionTraining ?? null,
            p.satisfactionTraining ?? null,
            s.change.satisfactionTraining ?? null,
          ),
        ],
      },
    ],
    texts: [{ heading: t('说明', 'Notes'), text: s.notes ?? '' }],
  };
}

export function dashboardDoc(d: TDashboard, locale: TLocale): ReportDoc {
  const t = (zh: string, en: string) => (locale === 'en' ? en : zh);
  return {
    title: t('看板', 'Dashboard'),
    number: '',
    path: '/reports/dashboard',
    createdAt: new Date().toISOString(),
    creator: null,
    fields: [],
    tables: [
      {
        heading: t('每周按时完成率', 'SLA by week'),
        columns: [t('周', 'Week'), t('关闭', 'Closed'), t('按时', 'Met'), '%'].map((label) => ({ label, width: 1 })),
        rows: d.slaByWeek.map((w) => [w.weekStart, String(w.closed), String(w.met), num(w.pct)]),
      },
      {
        heading: t('客户按时完成率', 'SLA by customer'),
        columns: [t('客户', 'Customer'), t('关闭', 'Closed'), t('按时', 'Met'), t('超时', 'Breached'), '%'].map((label) => ({
          label,
          width: 1,
        })),
        rows: d.slaByCustomer.map((c) => [c.customer.name, String(c.closed), String(c.met), String(c.breached), num(c.pct)]),
      },
      {
        heading: t('工程师未完成工作', 'Open work by engineer'),
        columns: [t('工程师', 'Engineer'), t('未完成', 'Open')].map((label) => ({ label, width: 1 })),
        rows: d.openByEngineer.map((e) => [e.engineer.name, String(e.open)]),
      },
      {
        heading: t('来电（按小时、产品类型）', 'Calls by hour and product type'),
        columns: [t('小时', 'Hour'), t('产品类型', 'Product type'), t('来电', 'Calls')].map((label) => ({ label, width: 1 })),
        rows: d.callsByHour.map((c) => [String(c.hour), c.productType, String(c.calls)]),
      },
      {
        heading: t('例外放行（按规则）', 'Overrides per rule'),
        columns: [t('规则', 'Rule'), t('次数', 'Count')].map((label) => ({ label, width: 1 })),
        rows: d.overridesByRule.map((o) => [o.rule, String(o.count)]),
      },
    ],
    texts: [],
  };
}

function formBody(doc: ReportDoc, ctx: TFormContext): TFormBody {
  const { t, url, meta } = formText(ctx);
  const sections: TFormSection[] = [
    { kind: 'fields', fields: doc.fields },
    ...doc.tables.map((tb) => ({
      kind: 'table' as const,
      heading: tb.heading,
      columns: tb.columns,
      rows: tb.rows,
      emptyText: t('无', 'None'),
    })),
    ...doc.texts.map((x) => ({ kind: 'text' as const, heading: x.heading, text: x.text || '—' })),
  ];
  return {
    locale: ctx.locale,
    title: doc.title,
    number: doc.number,
    recordUrl: url(doc.path),
    meta: meta(doc.createdAt, doc.creator),
    sections,
  };
}

export function printReport(db: Db, store: FileStore, doc: ReportDoc, ctx: TFormContext): Promise<TPrintedForm> {
  return printForm(db, store, formBody(doc, ctx));
}

/** The report as a workbook: its fields, then one sheet per table (same rows as the PDF). */
export async function reportXlsx(doc: ReportDoc): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  const first = wb.addWorksheet(doc.title.slice(0, 31));
  first.addRow([doc.title, doc.number]);
  for (const f of doc.fields) first.addRow([f.label, f.value ?? '']);
  for (const x of doc.texts) first.addRow([x.heading, x.text]);
  first.getColumn(1).width = 18;
  first.getColumn(2).width = 60;
  doc.tables.forEach((tb, i) => {
    const ws = wb.addWorksheet(`${i + 1} ${tb.heading}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    ws.addRow(tb.columns.map((c) => c.label)).font = { bold: true };
    for (const r of tb.rows) ws.addRow(r.map((v) => (v !== '' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
    tb.columns.forEach((c, j) => {
      ws.getColumn(j + 1).width = Math.max(10, c.width * 8);
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, name: string, bytes: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', attachmentDisposition(`${name}.xlsx`))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(bytes);
}
