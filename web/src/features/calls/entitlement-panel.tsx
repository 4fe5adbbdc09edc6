import { Alert, Card, Descriptions, Empty, Flex, Spin, Tag, Typography } from 'antd';
import type { TEntitlement } from '@contract/calls';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useCallLabels } from './call-labels';

const VERDICT_TYPES = { covered: 'success', remote_only: 'info', out_of_contract: 'warning', unknown_customer: 'warning' } as const;

/**
 * R-EMER-3: under contract or not, inside the coverage window at this minute, the targets, warranty
 * per unit. Out of contract is said plainly with the choices left (chargeable service, decline).
 */
export function EntitlementPanel({ entitlement, loading }: { entitlement: TEntitlement | undefined; loading?: boolean }) {
  const { t } = useLocale();
  const labels = useCallLabels();
  const coverage = (c: TEntitlement['contracts'][number]) =>
    c.commitments.coverage.kind === 'custom'
      ? `${c.commitments.coverage.days.join(',')} ${c.commitments.coverage.startHour}:00–${c.commitments.coverage.endHour}:00`
      : c.commitments.coverage.kind;
  const due = (iso: string | null, hours: number | null) =>
    iso && hours !== null ? `${hours} h → ${formatCompanyTime(iso).slice(5, 16)}` : '—';
  return (
    <Card size="small" title={t('calls.entitlement')} data-testid="entitlement-panel">
      {!entitlement ? (
        loading ? (
          <Spin />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls.entitlementEmpty')} />
        )
      ) : (
        <Flex vertical gap={8}>
          <Alert
            type={VERDICT_TYPES[entitlement.verdict]}
            showIcon
            title={
              <span data-testid="entitlement-verdict" data-verdict={entitlement.verdict}>
                {labels.verdict(entitlement.verdict)}
              </span>
            }
            description={
              entitlement.choices.length > 0
                ? t('calls.outOfContractChoices')
                : entitlement.inWorkingHours
                  ? t('calls.inWorkingHours')
                  : t('calls.outsideWorkingHours')
            }
          />
          {entitlement.contracts.map((c) => (
            <Descriptions
              key={c.id}
              size="small"
              bordered
              column={1}
              data-testid={`entitlement-contract-${c.id}`}
              title={
                <Flex gap={6} wrap align="center">
                  <span>{c.number}</span>
                  {c.inCoverageNow ? (
                    <Tag color="green">{t('calls.inCoverageNow')}</Tag>
                  ) : (
                    <Tag color="orange">{t('calls.outsideCoverage')}</Tag>
                  )}
                  {c.commitments.remoteOnly && <Tag color="blue">{t('calls.remoteOnly')}</Tag>}
                </Flex>
              }
              items={[
                { key: 'coverage', label: t('calls.coverage'), children: coverage(c) },
                { key: 'response', label: t('calls.responseTarget'), children: due(c.responseDueAt, c.commitments.responseHours) },
                { key: 'arrival', label: t('calls.arrivalTarget'), children: due(c.arrivalDueAt, c.commitments.arrivalHours) },
                { key: 'resolution', label: t('calls.resolutionTarget'), children: due(c.resolutionDueAt, c.commitments.resolutionHours) },
                { key: 'end', label: t('calls.contractEnd'), children: c.endDate ?? '—' },
                { key: 'sales', label: t('calls.salesOwner'), children: c.salesOwner?.name ?? '—' },
              ]}
            />
          ))}
          {entitlement.units.length > 0 && (
            <Flex vertical gap={2} data-testid="entitlement-units">
              <Typography.Text strong>{t('calls.units')}</Typography.Text>
              {entitlement.units.slice(0, 8).map((u) => (
                <Flex key={u.id} gap={6} wrap align="center" style={{ fontSize: 12 }}>
                  <span>
                    {u.brand} {u.model} {u.sn ?? ''}
                  </span>
                  <Tag color={u.underWarranty ? 'green' : 'default'}>{t('calls.warrantyUntil', { date: u.warrantyEnd ?? '—' })}</Tag>
                  {u.vendorWarrantyEnd && (
                    <Tag color={u.underVendorWarranty ? 'green' : 'default'}>
                      {t('calls.vendorWarrantyUntil', { date: u.vendorWarrantyEnd })}
                    </Tag>
                  )}
                </Flex>
              ))}
            </Flex>
          )}
        </Flex>
      )}
    </Card>
  );
}
