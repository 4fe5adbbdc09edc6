import { PM_VISIT_STATE_LABELS, type TPmPlan } from '@contract/maintenance';
import { type TFormBody, type TFormContext, formText } from '../../pdf/form-text';

/**
 * The PM Timetable 例行检查计划表 as printed (R-FORM-1): customer, contract, equipment in scope,
 * planned date per visit, responsible and backup engineer, downtime needed, status per visit.
 */
export function pmTimetableForm(plan: TPmPlan, ctx: Pick<TFormContext, 'locale' | 'timeZone' | 'publicUrl'>): TFormBody {
  const { t, pick, field, url, meta } = formText({ ...ctx });
  const visits = plan.visits.filter((v) => v.state !== 'cancelled');
  const recurrence = plan.rrule ?? t(`每年 ${plan.visitsPerYear ?? 0} 次，均匀分布`, `${plan.visitsPerYear ?? 0} a year, evenly spread`);
  return {
    locale: ctx.locale,
    title: t('例行检查计划表', 'PM Timetable'),
    number: `PM-${plan.contract.number}`,
    recordUrl: url(`/maintenance/contracts/${plan.contract.id}`),
    meta: meta(new Date().toISOString(), null),
    sections: [
      {
        kind: 'fields',
        heading: t('客户与合同', 'Customer and contract'),
        fields: [
          field('客户', 'Customer', plan.customer.name),
          field('合同编号', 'Contract number', plan.contract.number),
          field('服务期', 'Service period', `${plan.periodStart} – ${plan.periodEnd}`),
          field('检查频次', 'Recurrence', recurrence),
          field('负责工程师', 'Responsible engineer', plan.responsibleEngineer.name),
          field('后备工程师', 'Backup engineer', plan.backupEngineer.name),
        ],
      },
      {
        kind: 'table',
        heading: t('检查范围内的设备', 'Equipment in scope'),
        columns: [
          { label: t('产品类型', 'Product type'), width: 3 },
          { label: t('品牌', 'Brand'), width: 2 },
          { label: t('型号', 'Model'), width: 3 },
          { label: 'SN', width: 3 },
        ],
        rows: plan.equipment.map((e) => [e.productType, e.brand, e.model, e.sn ?? '']),
      },
      {
        kind: 'table',
        heading: t('检查安排', 'Visits'),
        columns: [
          { label: t('序号', 'No.'), width: 1 },
          { label: t('计划日期', 'Planned date'), width: 3 },
          { label: t('时间', 'Time'), width: 2 },
          { label: t('负责工程师', 'Responsible'), width: 3 },
          { label: t('后备工程师', 'Backup'), width: 3 },
          { label: t('需停机（分钟）', 'Downtime (min)'), width: 2 },
          { label: t('状态', 'Status'), width: 2 },
        ],
        rows: visits.map((v, i) => [
          String(i + 1),
          v.plannedDate,
          v.startTime,
          v.responsibleEngineer.name,
          v.backupEngineer.name,
          String(v.downtimeMinutes),
          pick(PM_VISIT_STATE_LABELS[v.state]),
        ]),
      },
    ],
  };
}
