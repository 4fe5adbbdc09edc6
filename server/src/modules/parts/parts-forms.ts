import {
  LOAN_PURPOSE_LABELS,
  RETURN_CONDITION_LABELS,
  TAG_CONDITION_LABELS,
  TAG_DISPOSITION_LABELS,
  type TFaultyPartTag,
  type TPartLoan,
} from '@contract/parts';
import type { Db } from '../../db/database';
import { type TFormBody, type TFormContext, type TPrintedForm, formText } from '../../pdf/form-text';
import { printForm } from '../company/company.service';
import type { FileStore } from '../files/file-store';
import { getLoan, getTag } from './parts.service';

/** The Faulty Part Tag 故障件标签 (R-FORM-1, R-INST-9, R-EMER-10): the rulebook's fields. */
export function faultyPartTagForm(g: TFaultyPartTag, ctx: TFormContext): TFormBody {
  const { t, pick, field, url, meta, time } = formText(ctx);
  const inspection = g.inspection
    ? `${g.inspection.inspectedBy?.name ?? ''} ${time(g.inspection.inspectedAt)} ${t(g.inspection.result === 'pass' ? '合格' : '不合格', g.inspection.result === 'pass' ? 'Pass' : 'Fail')}${g.inspection.note ? ` · ${g.inspection.note}` : ''}`
    : null;
  return {
    locale: ctx.locale,
    title: t('故障件标签', 'Faulty Part Tag'),
    number: g.number,
    recordUrl: url(`/parts/tags/${g.id}`),
    meta: meta(g.createdAt, g.engineer?.name ?? null),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('备件号', 'PN', g.pn),
          field('序列号', 'SN', g.sn),
          field('客户', 'Customer', g.customer?.name ?? null),
          field('设备序列号', 'Unit SN', g.unitSn),
          field('服务要求单', 'Service request', g.serviceRequest?.number ?? null),
          field('拆下日期', 'Removed', g.removedDate),
          field('工程师', 'Engineer', g.engineer?.name ?? null),
          field('状态', 'State', pick(TAG_CONDITION_LABELS[g.condition])),
          field('处理方式', 'Disposition', g.disposition ? pick(TAG_DISPOSITION_LABELS[g.disposition]) : null),
          field('厂商案例号', "Vendor's case number", g.rmaCaseNumber),
          field('故障', 'Fault', g.fault, true),
          field('检验记录', 'Inspection record', inspection, true),
        ],
      },
    ],
  };
}

/** The Spare Part Loan form 备件借用单 (R-FORM-1, R-EMER-4). */
export function partLoanForm(l: TPartLoan, ctx: TFormContext): TFormBody {
  const { t, pick, field, url, meta, time } = formText(ctx);
  return {
    locale: ctx.locale,
    title: t('备件借用单', 'Spare Part Loan'),
    number: l.number,
    recordUrl: url(`/parts/loans/${l.id}`),
    meta: meta(l.createdAt, l.borrower.name),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('备件号', 'PN', l.part.pn),
          field('序列号', 'SN', l.sn ?? (l.quantity > 1 ? `× ${l.quantity}` : null)),
          field('描述', 'Description', l.part.description, true),
          field('借用人', 'Borrower', l.borrower.name),
          field('用途', 'Purpose', pick(LOAN_PURPOSE_LABELS[l.purpose])),
          field('客户', 'Customer', l.customer.name),
          field('服务要求单', 'Service request', l.serviceRequest?.number ?? null),
          field('审批人', 'Approved by', l.approvedBy ? `${l.approvedBy.name} ${time(l.approvedAt) ?? ''}` : null),
          field('借出时间', 'Borrowed', time(l.borrowedAt)),
          field('应还日期', 'Due date', l.dueDate),
          field(
            '紧急借用',
            'Emergency',
            l.emergency
              ? t(
                  l.paperworkPending ? '是（待补手续）' : '是（手续已补）',
                  l.paperworkPending ? 'Yes (paperwork pending)' : 'Yes (paperwork completed)',
                )
              : t('否', 'No'),
          ),
          field(
            '使用前测试',
            'Tested before use',
            l.testedBeforeUse
              ? `${l.testedBeforeUse.by?.name ?? ''} ${time(l.testedBeforeUse.at)}${l.testedBeforeUse.note ? ` · ${l.testedBeforeUse.note}` : ''}`
              : null,
          ),
          field('归还时间', 'Returned', time(l.returnedAt)),
          field('归还状况', 'Condition on return', l.returnCondition ? pick(RETURN_CONDITION_LABELS[l.returnCondition]) : null),
          field('备注', 'Remarks', [l.note, l.returnNote].filter(Boolean).join('\n') || null, true),
        ],
      },
      {
        kind: 'signatures',
        slots: [
          { label: t('借用人签字', 'Borrower (signature)'), signerName: null, signedAt: null, image: null },
          { label: t('技术经理签字', 'Technical manager (signature)'), signerName: null, signedAt: null, image: null },
        ],
      },
    ],
  };
}

/** The tag as PDF: A4, or one 100 × 70 mm label (the label printer's stock). */
export async function faultyPartTagPdf(
  db: Db,
  store: FileStore,
  id: number,
  ctx: TFormContext,
  paper: 'a4' | 'label',
): Promise<TPrintedForm> {
  return printForm(db, store, { ...faultyPartTagForm(await getTag(db, id), ctx), paper });
}

export async function partLoanPdf(db: Db, store: FileStore, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  return printForm(db, store, partLoanForm(await getLoan(db, id, ctx.timeZone), ctx));
}
