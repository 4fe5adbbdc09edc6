import { EnvironmentOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Spin, Tag, theme, Typography } from 'antd';
import { Link } from 'react-router';
import type { TServiceCommitments } from '@contract/contracts';
import type { TMyWork } from '@contract/my-work';
import { useMyWork } from '../../api/service-requests.hooks';
import { type TTranslate, useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { SrActions } from '../service-requests/sr-actions';
import { KindTag, PriorityTag, StateTag } from '../service-requests/sr-tags';

type TItem = TMyWork['todayItems'][number];

const hm = (iso: string) => formatCompanyTime(iso).slice(0, 16);

/** `5×8 · 响应 2 小时 · 到场 4 小时`: what the contract promises, in one line (R-EMER-3). */
function commitmentsLine(c: TServiceCommitments, t: TTranslate): string {
  const coverage =
    c.coverage.kind === 'custom'
      ? `${c.coverage.days.map((d) => t(`commit.weekday.${d}` as 'commit.weekday.1')).join(t('common.listSep'))} ${c.coverage.startHour}:00–${c.coverage.endHour}:00`
      : c.coverage.kind === '5x8'
        ? '5×8'
        : '7×24';
  const hours = (label: string, v: number | null) => (v === null ? null : `${label} ${v} ${t('contracts.hoursUnit')}`);
  return [
    coverage,
    hours(t('commit.response'), c.responseHours),
    hours(t('commit.arrival'), c.arrivalHours),
    hours(t('commit.resolution'), c.resolutionHours),
    c.remoteOnly ? t('commit.remoteOnlyYes') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** 我的工作: the engineer's requests for today and coming days, as cards made for a phone. */
export function MyWorkPage() {
  const { t } = useLocale();
  const errorText = useErrorText();
  const work = useMyWork();

  if (work.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(work.error)}
        action={
          <Button size="small" onClick={() => void work.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  if (!work.data) return <Spin />;
  const w = work.data;

  return (
    <Flex vertical gap={16} data-testid="my-work" style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('myWork.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} loading={work.isFetching} onClick={() => void work.refetch()} aria-label={t('app.reload')} />
      </Flex>
      <section data-testid="my-work-today">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('myWork.today', { date: w.today })} <Tag>{w.todayItems.length}</Tag>
        </Typography.Title>
        {w.todayItems.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myWork.nothingToday')} />
        ) : (
          <Flex vertical gap={12}>
            {w.todayItems.map((i) => (
              <WorkCard key={i.id} item={i} />
            ))}
          </Flex>
        )}
      </section>
      <section data-testid="my-work-upcoming">
        <Typography.Title level={5}>
          {t('myWork.upcoming')} <Tag>{w.upcoming.length}</Tag>
        </Typography.Title>
        {w.upcoming.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myWork.nothingUpcoming')} />
        ) : (
          <Flex vertical gap={12}>
            {w.upcoming.map((i) => (
              <WorkCard key={i.id} item={i} />
            ))}
          </Flex>
        )}
      </section>
    </Flex>
  );
}

function WorkCard({ item: i }: { item: TItem }) {
  const { t } = useLocale();
  const { token } = theme.useToken();
  const row = { fontSize: 14, lineHeight: 1.5 } as const;
  const muted = { color: token.colorTextSecondary } as const;
  return (
    <Card
      size="small"
      data-testid={`my-work-card-${i.id}`}
      title={
        <Flex gap={6} align="center" wrap style={{ paddingBlock: 6 }}>
          <Link to={`/service-requests/${i.id}`} style={{ fontWeight: 600 }}>
            {i.number}
          </Link>
          <StateTag state={i.state} />
          <PriorityTag priority={i.priority} />
          {i.role === 'backup' && <Tag style={{ marginInlineEnd: 0 }}>{t('myWork.backup')}</Tag>}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <div style={row}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {i.customer.name}
          </Typography.Text>
          <div>
            <KindTag kind={i.kind} />
          </div>
        </div>
        {(i.plannedStart || i.agreedArrivalAt) && (
          <div style={row}>
            {i.plannedStart && (
              <div>
                <span style={muted}>{t('myWork.planned')}</span> {hm(i.plannedStart)}
                {i.plannedEnd ? ` – ${formatCompanyTime(i.plannedEnd).slice(11, 16)}` : ''}
              </div>
            )}
            {i.agreedArrivalAt && (
              <div>
                <span style={muted}>{t('sr.agreedArrival')}</span> <strong>{hm(i.agreedArrivalAt)}</strong>
              </div>
            )}
          </div>
        )}
        {i.siteAddress && (
          <div style={row}>
            <EnvironmentOutlined style={muted} /> {i.siteAddress}
          </div>
        )}
        {(i.contactName || i.contactPhone) && (
          <Flex justify="space-between" align="center" gap={8} style={row}>
            <span>
              <span style={muted}>{t('sr.contactName')}</span> {i.contactName ?? '—'}
            </span>
            {i.contactPhone && (
              <Button href={`tel:${i.contactPhone}`} icon={<PhoneOutlined />} data-testid={`my-work-call-${i.id}`}>
                {i.contactPhone}
              </Button>
            )}
          </Flex>
        )}
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('myWork.more') }} style={{ ...row, marginBottom: 0 }}>
          {i.description}
        </Typography.Paragraph>
        {i.equipment.length > 0 && (
          <div style={row} data-testid={`my-work-equipment-${i.id}`}>
            <div style={muted}>{t('sr.equipment')}</div>
            {i.equipment.map((e) => (
              <div key={e.id}>
                {e.brand} {e.model}
                {e.sn ? <Typography.Text code>SN {e.sn}</Typography.Text> : null}
              </div>
            ))}
          </div>
        )}
        {i.contract && (
          <div style={{ ...row, background: token.colorFillQuaternary, borderRadius: token.borderRadius, padding: '6px 8px' }}>
            <div>
              <span style={muted}>{t('sr.contract')}</span> {i.contract.number}
            </div>
            {i.commitments && <div data-testid={`my-work-commitments-${i.id}`}>{commitmentsLine(i.commitments, t)}</div>}
          </div>
        )}
        <SrActions target={{ id: i.id, kind: i.kind, allowedActions: i.allowedActions }} block />
      </Flex>
    </Card>
  );
}
