import {
  ACCEPTANCE_CONCLUSION_LABELS,
  REPORT_RESULT_LABELS,
  REQUIRED_SIGNERS,
  SERVICE_REPORT_KIND_LABELS,
  SIGNER_ROLE_LABELS,
  type TServiceReport,
  type TSignerRole,
} from '@contract/service-reports';
import { SERVICE_REQUEST_KIND_LABELS } from '@contract/service-request-labels';
import type { TServiceRequestKind } from '@contract/service-request-workflow';
import { checklistSection } from '../../pdf/checklist-section';
import type { TFormSection, TSignatureSlot } from '../../pdf/form-layout';
import { type TFormBody, type TFormContext, formText } from '../../pdf/form-text';

/** A signature as printed: who, when, and the image bytes. */
export interface PrintedSignature {
  role: TSignerRole;
  signerName: string;
  signedAt: string;
  image: Uint8Array | null;
}

/** The form number: the report's number, and its revision after a correction (`CSR-2026-00042-2`). */
export function reportNumberOf(r: Pick<TServiceReport, 'number' | 'revision'>): string {
  return r.revision > 1 ? `${r.number}-${r.revision}` : r.number;
}

/**
 * The Customer Service Report 客户服务报告, the Installation Report 安装报告 and the Acceptance
 * Report 验收报告 as printed (R-FORM-1): the fields of the rulebook's "Form contents", the filled
 * checklist of the version it was filled with (out-of-range values noted), the signatures.
 */
export function serviceReportForm(r: TServiceReport, signatures: readonly PrintedSignature[], ctx: TFormContext): TFormBody {
  const { t, pick, time, field, url, meta } = formText(ctx);
  const f = r.fields;
  const units = f.units ?? [];
  const sections: TFormSection[] = [
    {
      kind: 'fields',
      heading: t('客户', 'Customer'),
      fields: [
        field('客户', 'Customer', r.customer.name),
        field('联系人', 'Contact', [f.contactName, f.contactPhone].filter(Boolean).join('  ') || null),
        field('现场地址', 'Site', f.siteAddress ?? null, true),
        field('合同编号', 'Contract number', r.contract?.number ?? null),
        field('服务要求单', 'Service request', r.serviceRequest.number),
        field('服务类型', 'Service kind', pick(SERVICE_REQUEST_KIND_LABELS[r.serviceRequest.kind as TServiceRequestKind])),
        field('工程师', 'Engineers', (f.engineers ?? []).join('、') || null),
      ],
    },
  ];
  const unitRows = (withLocation: boolean) =>
    units.map((u, i) => [String(i + 1), u.model, u.pn ?? '', u.sn ?? '', ...(withLocation ? [u.location ?? ''] : [])]);
  const unitColumns = (withLocation: boolean) => [
    { label: '#', width: 1 },
    { label: t('型号', 'Model'), width: 5 },
    { label: 'PN', width: 3 },
    { label: 'SN', width: 3 },
    ...(withLocation ? [{ label: t('位置', 'Location'), width: 3 }] : []),
  ];
  const openItems = (): TFormSection => ({
    kind: 'table',
    heading: t('遗留事项', 'Open items'),
    columns: [
      { label: t('事项', 'Item'), width: 6 },
      { label: t('负责人', 'Owner'), width: 2 },
      { label: t('完成日期', 'Due'), width: 2 },
    ],
    rows: (f.openItems ?? []).map((o) => [o.item, o.owner, o.dueDate]),
  });
  const tests = (heading: string): TFormSection => ({
    kind: 'table',
    heading,
    columns: [
      { label: t('测试', 'Test'), width: 5 },
      { label: t('结果', 'Result'), width: 5 },
    ],
    rows: (f.tests ?? []).map((x) => [x.name, x.result]),
  });

  if (r.kind === 'service') {
    sections.push(
      {
        kind: 'fields',
        heading: t('到场', 'On site'),
        fields: [field('到达时间', 'Arrival', time(f.arrivedAt ?? null)), field('离开时间', 'Departure', time(f.departedAt ?? null))],
      },
      { kind: 'table', heading: t('服务设备', 'Equipment served'), columns: unitColumns(false), rows: unitRows(false) },
      {
        kind: 'fields',
        heading: t('故障与处理', 'Fault and work'),
        fields: [
          field('故障现象', 'Fault symptom', r.serviceRequest.description, true),
          field('发现的故障', 'Fault found', f.faultFound ?? null, true),
          field('处理过程 / 解决方法', 'Work done / solution', f.workDone ?? null, true),
        ],
      },
      {
        kind: 'table',
        heading: t('更换部件', 'Parts replaced'),
        columns: [
          { label: t('旧件 PN', 'Old PN'), width: 3 },
          { label: t('旧件 SN', 'Old SN'), width: 3 },
          { label: t('新件 PN', 'New PN'), width: 3 },
          { label: t('新件 SN', 'New SN'), width: 3 },
          { label: t('原因', 'Reason'), width: 4 },
        ],
        rows: (f.partsReplaced ?? []).map((p) => [p.oldPn, p.oldSn, p.newPn, p.newSn, p.reason ?? '']),
      },
    );
  } else if (r.kind === 'installation') {
    sections.push(
      { kind: 'fields', heading: t('日期', 'Dates'), fields: [field('安装日期', 'Dates', f.dates ?? null, true)] },
      { kind: 'table', heading: t('安装设备', 'Equipment installed'), columns: unitColumns(true), rows: unitRows(true) },
      { kind: 'fields', fields: [field('配置', 'Configuration done', f.configuration ?? null, true)] },
      tests(t('测试及结果', 'Tests run and results')),
      {
        kind: 'table',
        heading: t('问题及解决', 'Problems and solutions'),
        columns: [
          { label: t('问题', 'Problem'), width: 5 },
          { label: t('解决', 'Solution'), width: 5 },
        ],
        rows: (f.problems ?? []).map((p) => [p.problem, p.solution]),
      },
      {
        kind: 'table',
        heading: t('合同外要求', 'Out-of-contract requests'),
        columns: [
          { label: t('要求', 'Request'), width: 5 },
          { label: t('答复', 'Answer'), width: 5 },
        ],
        rows: (f.outOfContract ?? []).map((o) => [o.request, o.answer]),
      },
      openItems(),
    );
  } else {
    sections.push(
      {
        kind: 'fields',
        heading: t('验收', 'Acceptance'),
        fields: [field('项目', 'Project', f.project ?? null), field('验收日期', 'Acceptance date', f.acceptanceDate ?? null)],
      },
      {
        kind: 'table',
        heading: t('验收设备', 'Equipment accepted'),
        columns: [
          { label: t('型号', 'Model'), width: 5 },
          { label: 'SN', width: 3 },
          { label: t('数量', 'Quantity'), width: 2 },
        ],
        rows: (f.unitsAccepted ?? []).map((u) => [u.model, u.sn ?? '', String(u.quantity)]),
      },
      tests(t('见证测试', 'Tests witnessed')),
      {
        kind: 'table',
        heading: t('移交文档', 'Documents handed over'),
        columns: [{ label: t('文档', 'Document'), width: 1 }],
        rows: (f.documentsHandedOver ?? []).map((d) => [d]),
      },
      openItems(),
      {
        kind: 'fields',
        heading: t('结论', 'Conclusion'),
        fields: [
          field('验收结论', 'Conclusion', f.conclusion ? pick(ACCEPTANCE_CONCLUSION_LABELS[f.conclusion]) : null),
          field('条件', 'Conditions', f.conditions ?? null, true),
        ],
      },
    );
  }
  if (r.checklist)
    sections.push(
      checklistSection(
        `${t('检查表', 'Checklist')}：${pick({ zh: r.checklist.nameZh, en: r.checklist.nameEn })}（${t('版本', 'version')} ${r.checklist.versionNo}）`,
        r.checklist.items,
        r.checklist.answers,
        ctx,
      ),
    );
  if (r.kind !== 'acceptance')
    sections.push({
      kind: 'fields',
      heading: t('结果', 'Result'),
      fields: [
        field('结果', 'Result', f.result ? pick(REPORT_RESULT_LABELS[f.result]) : null),
        field('满意度（1–5）', 'Satisfaction (1–5)', f.satisfaction ? String(f.satisfaction) : null),
        field('下一步', 'Next step', f.nextStep ?? null, true),
        field('客户意见', "Customer's comments", f.customerComments ?? null, true),
      ],
    });
  const roles: TSignerRole[] = r.kind === 'acceptance' ? [...REQUIRED_SIGNERS.acceptance] : ['customer', 'engineer'];
  const slots: TSignatureSlot[] = roles.map((role) => {
    const s = signatures.find((x) => x.role === role);
    return {
      label: pick(SIGNER_ROLE_LABELS[role]),
      signerName: s?.signerName ?? null,
      signedAt: time(s?.signedAt ?? null),
      image: s?.image ?? null,
    };
  });
  sections.push({ kind: 'signatures', heading: t('签字', 'Signatures'), slots });
  return {
    locale: ctx.locale,
    title: pick(SERVICE_REPORT_KIND_LABELS[r.kind]),
    number: reportNumberOf(r),
    recordUrl: url(`/service-reports/${r.id}`),
    meta: meta(r.createdAt, r.createdBy?.name ?? null),
    sections,
  };
}
