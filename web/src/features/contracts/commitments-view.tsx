import { Descriptions, Tag, Typography } from 'antd';
import type { TServiceCommitments } from '@contract/contracts';
import { useT } from '../../app/locale-context';

const dash = '—';

/** The service commitments (entitlement) an engineer checks before going out (R-EMER-3). */
export function CommitmentsView({ commitments: c, phone }: { commitments: TServiceCommitments; phone: boolean }) {
  const t = useT();
  const n = (v: number | null, unit: string) => (v === null ? dash : `${v} ${unit}`);
  const hours = (v: number | null) => n(v, t('contracts.hoursUnit'));
  const coverage =
    c.coverage.kind === 'custom'
      ? `${t('commit.coverage.custom')}${t('common.colon')}${c.coverage.days.map((d) => t(`commit.weekday.${d}` as 'commit.weekday.1')).join(t('common.listSep'))} ${String(c.coverage.startHour).padStart(2, '0')}:00–${String(c.coverage.endHour).padStart(2, '0')}:00`
      : t(`commit.coverage.${c.coverage.kind}`);
  const vendor = [
    c.vendorExtraYears !== null ? t('commit.vendorYearsValue', { n: c.vendorExtraYears }) : null,
    c.vendorScope,
    c.vendorRegion,
  ].filter(Boolean);

  return (
    <Descriptions
      size="small"
      bordered
      column={phone ? 1 : 3}
      data-testid="contract-commitments"
      items={[
        { key: 'coverage', label: t('commit.coverage'), children: <span data-testid="commitment-coverage">{coverage}</span> },
        {
          key: 'remote',
          label: t('commit.remoteOnly'),
          children: c.remoteOnly ? <Tag color="blue">{t('commit.remoteOnlyYes')}</Tag> : <Tag>{t('commit.remoteOnlyNo')}</Tag>,
        },
        { key: 'response', label: t('commit.response'), children: <span data-testid="commitment-response">{hours(c.responseHours)}</span> },
        { key: 'arrival', label: t('commit.arrival'), children: hours(c.arrivalHours) },
        { key: 'resolution', label: t('commit.resolution'), children: hours(c.resolutionHours) },
        { key: 'pm', label: t('commit.pmVisits'), children: n(c.pmVisitsPerYear, t('commit.perYear')) },
        {
          key: 'onsite',
          label: t('commit.onsiteVisits'),
          children: c.onsiteVisitsIncluded === null ? t('commit.asNeeded') : n(c.onsiteVisitsIncluded, t('commit.times')),
        },
        {
          key: 'training',
          label: t('commit.training'),
          children:
            c.trainingDays === null && c.trainingAttendees === null
              ? dash
              : `${n(c.trainingDays, t('commit.daysUnit'))} · ${n(c.trainingAttendees, t('commit.people'))}`,
        },
        {
          key: 'warranty',
          label: t('commit.warranty'),
          children:
            c.warrantyMonths === null && !c.warrantyStart && !c.warrantyEnd
              ? dash
              : `${n(c.warrantyMonths, t('commit.months'))}${c.warrantyStart || c.warrantyEnd ? ` (${c.warrantyStart ?? '…'} ~ ${c.warrantyEnd ?? '…'})` : ''}`,
        },
        {
          key: 'vendor',
          label: t('commit.vendor'),
          span: phone ? 1 : 3,
          children: vendor.length ? <Typography.Text>{vendor.join(' · ')}</Typography.Text> : dash,
        },
      ]}
    />
  );
}
