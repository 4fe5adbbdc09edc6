import { TASK_REQUEST_STATE_LABELS, type TTaskRequest } from '@contract/task-requests';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { type TFormBody, type TFormContext, type TPrintedForm, formText } from '../../pdf/form-text';
import { printForm } from '../company/company.service';
import type { FileStore } from '../files/file-store';
import { getTaskRequest } from './task-requests.service';

/** The Task Request Form 任务要求单 as printed (R-FORM-1): the fields of the rulebook's "Form contents". */
export function taskRequestForm(r: TTaskRequest, ctx: TFormContext): TFormBody {
  const { t, pick, field, url, meta } = formText(ctx);
  return {
    locale: ctx.locale,
    title: t('任务要求单', 'Task Request Form'),
    number: r.number,
    recordUrl: url(`/task-requests/${r.id}`),
    meta: meta(r.createdAt, r.issuedBy?.name ?? null),
    sections: [
      {
        kind: 'fields',
        fields: [
          field('任务', 'Task', r.task, true),
          field('原因', 'Reason', r.reason, true),
          field('客户', 'Customer', r.customer?.name ?? null),
          field('合同编号', 'Contract number', r.contract?.number ?? null),
          field('服务要求单', 'Service request', r.serviceRequest?.number ?? null),
          field('状态', 'State', pick(TASK_REQUEST_STATE_LABELS[r.state])),
          field('执行人', 'Assignee', r.assignee.name),
          field('完成期限', 'Due date', r.dueDate),
          field('预期成果', 'Expected output', r.expectedOutput, true),
          field('下达人', 'Issued by', r.issuedBy?.name ?? null),
          field('结果', 'Result', r.result, true),
        ],
      },
      {
        kind: 'signatures',
        slots: [
          { label: t('下达人签字', 'Issued by (signature)'), signerName: null, signedAt: null, image: null },
          { label: t('执行人签字', 'Assignee (signature)'), signerName: null, signedAt: null, image: null },
        ],
      },
    ],
  };
}

/** The form of one task as PDF bytes, for a reader of the task (anyone else: NOT_FOUND). */
export async function taskRequestFormPdf(db: Db, store: FileStore, actor: Actor, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  return printForm(db, store, taskRequestForm(await getTaskRequest(db, actor, id), ctx));
}
