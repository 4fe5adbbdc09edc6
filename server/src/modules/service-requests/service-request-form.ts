import {
  SERVICE_REQUEST_KIND_LABELS,
  SERVICE_REQUEST_PRIORITY_LABELS,
  SERVICE_REQUEST_STATE_LABELS,
} from '@contract/service-request-labels';
import type { TServiceRequestDetail } from '@contract/service-requests';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';
import { type TFormBody, type TFormContext, type TPrintedForm, formText } from '../../pdf/form-text';
import { printForm } from '../company/company.service';
import type { FileStore } from '../files/file-store';
import { getServiceRequest } from './service-requests.service';

/** The Service Request Form 服务要求单 as printed (R-FORM-1): the fields of the rulebook's "Form contents". */
export function serviceRequestForm(r: TServiceRequestDetail, ctx: TFormContext): TFormBody {
  const { t, pick, time, field, url, meta } = formText(ctx);
  const name = (ref: { name: string } | null) => ref?.name ?? null;
  const contact = [r.contactName, r.contactPhone].filter(Boolean).join('  ') || null;
  return {
    locale: ctx.locale,
    title: t('服务要求单', 'Service Request Form'),
    number: r.number,
    recordUrl: url(`/service-requests/${r.id}`),
    meta: meta(r.createdAt, name(r.issuedBy)),
    sections: [
      {
        kind: 'fields',
        heading: t('客户', 'Customer'),
        fields: [
          field('客户', 'Customer', r.customer.name),
          field('联系人及电话', 'Contact and phone', contact),
          field('现场地址', 'Site address', r.siteAddress, true),
          field('合同编号', 'Contract number', r.contract?.number ?? null),
          field('项目', 'Project', r.project ? `${r.project.code} ${r.project.name}` : null),
        ],
      },
      {
        kind: 'fields',
        heading: t('服务', 'Service'),
        fields: [
          field('服务类型', 'Service kind', pick(SERVICE_REQUEST_KIND_LABELS[r.kind])),
          field('优先级', 'Priority', pick(SERVICE_REQUEST_PRIORITY_LABELS[r.priority])),
          field('状态', 'State', pick(SERVICE_REQUEST_STATE_LABELS[r.state])),
          field('要求日期', 'Requested date', r.requestedDate),
          field('约定到场时间', 'Agreed arrival time', time(r.agreedArrivalAt)),
          field('计划时间', 'Planned', [time(r.plannedStart), time(r.plannedEnd)].filter(Boolean).join(' – ') || null),
          field('故障描述 / 服务内容', 'Description / fault symptom', r.description, true),
        ],
      },
      {
        kind: 'table',
        heading: t('设备', 'Equipment'),
        columns: [
          { label: t('产品类型', 'Product type'), width: 3 },
          { label: t('品牌', 'Brand'), width: 2 },
          { label: t('型号', 'Model'), width: 3 },
          { label: 'SN', width: 3 },
        ],
        rows: r.equipment.map((e) => [e.productType, e.brand, e.model, e.sn ?? '']),
      },
      {
        kind: 'fields',
        heading: t('人员', 'People'),
        fields: [
          field('下达人', 'Issued by', name(r.issuedBy)),
          field('下达时间', 'Issued at', time(r.issuedAt)),
          field('负责工程师', 'Responsible engineer', name(r.responsibleEngineer)),
          field('后备工程师', 'Backup engineer', name(r.backupEngineer)),
          field('项目经理', 'Project manager', name(r.projectManager)),
        ],
      },
      { kind: 'fields', fields: [field('备注', 'Remarks', r.remarks, true)] },
    ],
  };
}

/** The form of one request as PDF bytes, for a reader of its detail (anyone else: NOT_FOUND). */
export async function serviceRequestFormPdf(db: Db, store: FileStore, actor: Actor, id: number, ctx: TFormContext): Promise<TPrintedForm> {
  return printForm(db, store, serviceRequestForm(await getServiceRequest(db, actor, id, ctx.timeZone), ctx));
}
