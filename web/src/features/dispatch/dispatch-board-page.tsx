import { LeftOutlined, RightOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Flex, Input, Select, Spin, Tag, theme, Typography } from 'antd';
import { type CSSProperties, type DragEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { addDays } from '@contract/equipment';
import type { TDispatchBoard } from '@contract/dispatch';
import {
  SERVICE_REQUEST_KINDS,
  type TServiceRequestKind,
  WAITING_FOR_DISPATCH_STATES,
  ZServiceRequestKind,
} from '@contract/service-request-workflow';
import type { TServiceRequest, TServiceRequestPriority } from '@contract/service-requests';
import { useAssignServiceRequest, useDispatchBoard, useServiceRequests } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { companyDayOf, formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useNotify } from '../../ui/notify';
import { useIsPhone } from '../../ui/use-is-phone';
import { STATE_COLORS, useSrLabels } from '../service-requests/sr-labels';
import { AssignDialog } from './assign-dialog';
import { BackupEngineerDialog, CardMenu, type TBackupTarget } from './backup-engineer-dialog';
import { useMessage } from '../../ui/message';
import { ShipmentLine } from '../inspections/shipment-line';

/** The drag payload's type: a request id as text. */
const DRAG_TYPE = 'text/plain';
/** Requests waiting for an engineer or a day: what the side list offers. */

type TBoardItem = TDispatchBoard['engineers'][number]['days'][number]['items'][number];

/** Monday of the week `day` falls in (`YYYY-MM-DD`, the calendar of the company zone). */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

const hm = (iso: string) => formatCompanyTime(iso).slice(11, 16);
/**
 * A narrow cell shows the part of the number that differs between requests: its sequence
 * (`…00042`); the full number is in the card's title (hover) and on the waiting list.
 */
const shortNumber = (number: string) => `…${number.slice(-5)}`;

/** One weekday formatter per language, made on first use: the board names seven days on every render. */
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** 周一 / Mon for a calendar date (YYYY-MM-DD), in the given language. */
function weekdayOf(date: string, language: string): string {
  let format = weekdayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
    weekdayFormats.set(language, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/**
 * 派工看板 (R-ORG-3): engineers × the 7 days of a week with their planned work and load.
 * Drag a request from the waiting list (or from another cell) onto an engineer's day to
 * assign it; the server's warnings (double booking, leave) come back as a toast.
 */
export function DispatchBoardPage() {
  const { t, pick } = useLocale();
  const labels = useSrLabels();
  const { token } = theme.useToken();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const notify = useNotify();
  const message = useMessage();
  const [params, setParams] = useSearchParams();
  const today = companyDayOf(new Date().toISOString());
  const weekParam = params.get('week');
  const from = mondayOf(weekParam && /^\d{4}-\d{2}-\d{2}$/.test(weekParam) ? weekParam : today);
  const to = addDays(from, 6);
  const kindParam = ZServiceRequestKind.safeParse(params.get('kind'));
  const kind = kindParam.success ? kindParam.data : undefined;
  const region = params.get('region')?.trim() || undefined;
  const board = useDispatchBoard({ from, to, kind, region });
  const waiting = useServiceRequests({ state: [...WAITING_FOR_DISPATCH_STATES], kind, page: 1, pageSize: 100, sort: '-createdAt' });
  const assign = useAssignServiceRequest();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [backupFor, setBackupFor] = useState<TBackupTarget | null>(null);
  const [assigning, setAssigning] = useState<TServiceRequest | null>(null);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const unassigned = useMemo(() => (waiting.data?.items ?? []).filter((r) => !r.responsibleEngineer || !r.plannedStart), [waiting.data]);
  function onDragStart(e: DragEvent, id: number) {
    e.dataTransfer.setData(DRAG_TYPE, String(id));
    e.dataTransfer.effectAllowed = 'move';
  }

  function onDrop(e: DragEvent, engineer: { id: number; name: string }, date: string) {
    e.preventDefault();
    setDropTarget(null);
    const id = Number(e.dataTransfer.getData(DRAG_TYPE));
    if (!Number.isInteger(id) || id <= 0) return;
    assignTo(id, engineer, date);
  }

  /** Assign by drop or by the touch dialog: the server's warnings (double booking, leave, past a deadline) as toasts. */
  function assignTo(id: number, engineer: { id: number; name: string }, date: string) {
    assign.mutate(
      { id, body: { engineerId: engineer.id, date } },
      {
        onSuccess: (sr) => {
          notify.success(t('dispatch.assigned', { number: sr.number, name: engineer.name, date }));
          for (const w of sr.warnings)
            void message.warning({
              content: `${sr.number}：${w.message}${w.refs.length ? `（${w.refs.map((r) => r.number).join(t('common.listSep'))}）` : ''}`,
              duration: 8,
            });
        },
        onError: notify.error,
      },
    );
  }

  const cellKey = (engineerId: number, date: string) => `${engineerId}-${date}`;
  const firstColumn = isPhone ? 96 : 120;
  const dayColumn = isPhone ? 112 : 96;
  const weekdayName = (date: string) => weekdayOf(date, pick({ zh: 'zh-CN', en: 'en-US' }));

  const waitingCard = (r: TServiceRequest) => (
    <Link
      key={r.id}
      to={`/service-requests/${r.id}`}
      draggable
      onDragStart={(e) => onDragStart(e, r.id)}
      data-testid={`board-card-${r.id}`}
      style={{
        display: 'block',
        color: token.colorText,
        border: `1px solid ${token.colorBorder}`,
        borderInlineStart: `3px solid ${priorityColor(r.priority, token)}`,
        borderRadius: token.borderRadius,
        padding: '6px 8px',
        background: token.colorBgContainer,
        cursor: 'grab',
      }}
    >
      <Flex justify="space-between" align="center" gap={4}>
        <span style={{ fontWeight: 500, color: token.colorLink }}>{r.number}</span>
        <Flex align="center" gap={2}>
          <Tag color={STATE_COLORS[r.state]} style={{ marginInlineEnd: 0 }}>
            {labels.state(r.state)}
          </Tag>
          <Button
            size="small"
            type="text"
            icon={<UserAddOutlined />}
            aria-label={t('dispatch.assignTo')}
            title={t('dispatch.assignTo')}
            onClick={(e) => {
              e.preventDefault();
              e.stopPropagation();
              setAssigning(r);
            }}
            data-testid={`board-assign-${r.id}`}
          />
          <CardMenu target={r} onBackup={setBackupFor} />
        </Flex>
      </Flex>
      <div style={{ fontSize: 12 }}>{r.customer.name}</div>
      <div style={{ fontSize: 12, color: token.colorTextSecondary }}>
        {labels.kind(r.kind)}
        {r.responsibleEngineer ? ` · ${r.responsibleEngineer.name}` : ''}
      </div>
    </Link>
  );

  const boardCard = (item: TBoardItem) => {
    const movable = item.role === 'responsible';
    return (
      <Link
        key={`${item.id}-${item.role}`}
        title={`${item.number} · ${labels.kind(item.kind)} · ${labels.state(item.state)} · ${labels.priority(item.priority)}${item.region ? ` · ${item.region}` : ''}${movable ? '' : ` · ${t('dispatch.backupRole')}`}`}
        to={`/service-requests/${item.id}`}
        draggable={movable}
        onDragStart={movable ? (e) => onDragStart(e, item.id) : undefined}
        data-testid={movable ? `board-card-${item.id}` : `board-card-${item.id}-backup`}
        style={{
          display: 'block',
          color: token.colorText,
          borderRadius: token.borderRadiusSM,
          padding: '2px 4px',
          fontSize: 12,
          lineHeight: 1.4,
          background: movable ? token.colorPrimaryBg : token.colorFillQuaternary,
          border: `1px ${movable ? 'solid' : 'dashed'} ${movable ? token.colorPrimaryBorder : token.colorBorder}`,
          borderInlineStart: `3px solid ${priorityColor(item.priority, token)}`,
          cursor: movable ? 'grab' : 'default',
        }}
      >
        <Flex align="center" justify="space-between" gap={2}>
          <span style={{ color: token.colorLink, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}>
            {shortNumber(item.number)}
          </span>
          <CardMenu target={item} onBackup={setBackupFor} />
        </Flex>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{item.customer.name}</div>
        <div style={{ color: token.colorTextSecondary }}>
          {hm(item.plannedStart)}–{hm(item.plannedEnd)}
        </div>
        {item.shipment && <ShipmentLine shipment={item.shipment} compact testId={`board-shipment-${item.id}`} />}
      </Link>
    );
  };

  const weekControls = (
    <Flex gap={8} align="center" wrap>
      <Button
        icon={<LeftOutlined />}
        onClick={() => setParam('week', addDays(from, -7))}
        aria-label={t('dispatch.prevWeek')}
        data-testid="board-prev"
      />
      <Button onClick={() => setParam('week', undefined)} data-testid="board-this-week">
        {t('dispatch.thisWeek')}
      </Button>
      <Button
        icon={<RightOutlined />}
        onClick={() => setParam('week', addDays(from, 7))}
        aria-label={t('dispatch.nextWeek')}
        data-testid="board-next"
      />
      <Typography.Text strong data-testid="board-range" style={{ whiteSpace: 'nowrap' }}>
        {from} ~ {to}
      </Typography.Text>
    </Flex>
  );

  return (
    <Card title={t('dispatch.title')} styles={{ body: { padding: isPhone ? 8 : undefined } }} extra={isPhone ? undefined : weekControls}>
      {/* On a phone the title keeps the card's head to itself (it was clipped); the week controls come first in the body. */}
      {isPhone && <div style={{ marginBottom: 12 }}>{weekControls}</div>}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<TServiceRequestKind>
          allowClear
          placeholder={t('sr.filterKind')}
          value={kind}
          onChange={(v) => setParam('kind', v)}
          options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          style={{ width: isPhone ? '100%' : 220 }}
          popupMatchSelectWidth={false}
          data-testid="board-filter-kind"
        />
        <Input.Search
          key={`region-${region ?? ''}`}
          defaultValue={region}
          allowClear
          placeholder={t('dispatch.region')}
          onSearch={(v) => setParam('region', v.trim() || undefined)}
          style={{ width: isPhone ? '100%' : 200 }}
          data-testid="board-filter-region"
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('dispatch.dragHint')}
        </Typography.Text>
      </Flex>
      {board.isError && <Alert type="error" showIcon title={errorText(board.error)} style={{ marginBottom: 12 }} />}
      <Flex gap={12} vertical={isPhone} align="flex-start">
        <div style={{ flex: 1, minWidth: 0, width: '100%', overflowX: 'auto' }}>
          <Spin spinning={board.isFetching || assign.isPending}>
            <table
              data-testid="board"
              style={{
                tableLayout: 'fixed',
                borderCollapse: 'separate',
                borderSpacing: 0,
                width: '100%',
                minWidth: firstColumn + 7 * dayColumn,
                border: `1px solid ${token.colorBorderSecondary}`,
                borderRadius: token.borderRadius,
              }}
            >
              <colgroup>
                <col style={{ width: firstColumn }} />
                {(board.data?.days ?? []).map((d) => (
                  <col key={d} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col" style={headerCell(token)}>
                    {t('dispatch.engineer')}
                  </th>
                  {(board.data?.days ?? []).map((d, i) => (
                    <th
                      key={d}
                      scope="col"
                      style={{
                        ...headerCell(token),
                        background: d === today ? token.colorPrimaryBg : i >= 5 ? token.colorFillTertiary : token.colorFillQuaternary,
                      }}
                    >
                      <div>{weekdayName(d)}</div>
                      <div style={{ fontWeight: 400, fontSize: 12 }}>{d.slice(5)}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {board.data?.engineers.map((row) => (
                  <tr key={row.engineer.id}>
                    <th
                      scope="row"
                      style={{ ...bodyCell(token), textAlign: 'start', fontWeight: 400, background: token.colorFillQuaternary }}
                      data-testid={`board-engineer-${row.engineer.id}`}
                    >
                      <div style={{ fontWeight: 600 }}>{row.engineer.name}</div>
                      <div style={{ fontSize: 12, color: token.colorTextSecondary }} data-testid={`board-load-${row.engineer.id}`}>
                        {t('dispatch.load', { hours: row.totalHours, count: row.totalCount })}
                      </div>
                      {row.totalBackupCount > 0 && (
                        <div style={{ fontSize: 12, color: token.colorTextTertiary }} data-testid={`board-backup-load-${row.engineer.id}`}>
                          {t('dispatch.backupLoad', { count: row.totalBackupCount })}
                        </div>
                      )}
                    </th>
                    {row.days.map((cell) => {
                      const key = cellKey(row.engineer.id, cell.date);
                      const over = dropTarget === key;
                      return (
                        <td
                          key={cell.date}
                          data-testid={`board-cell-${key}`}
                          data-on-leave={cell.onLeave || undefined}
                          onDragOver={(e) => {
                            e.preventDefault();
                            e.dataTransfer.dropEffect = 'move';
                            if (dropTarget !== key) setDropTarget(key);
                          }}
                          onDragLeave={() => setDropTarget((k) => (k === key ? null : k))}
                          onDrop={(e) => onDrop(e, row.engineer, cell.date)}
                          style={{
                            ...bodyCell(token),
                            height: 72,
                            verticalAlign: 'top',
                            background: over
                              ? token.colorPrimaryBgHover
                              : cell.onLeave
                                ? token.colorWarningBg
                                : cell.date === today
                                  ? token.colorPrimaryBg
                                  : undefined,
                            outline: over ? `2px dashed ${token.colorPrimary}` : undefined,
                            outlineOffset: -2,
                          }}
                        >
                          {(cell.onLeave || cell.hours > 0) && (
                            <Flex justify="space-between" style={{ fontSize: 11, color: token.colorTextSecondary }}>
                              <span>{cell.onLeave ? t('dispatch.onLeave') : ''}</span>
                              <span>{cell.hours > 0 ? t('dispatch.hours', { hours: cell.hours }) : ''}</span>
                            </Flex>
                          )}
                          <Flex vertical gap={4}>
                            {cell.items.map(boardCard)}
                          </Flex>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {board.data && board.data.engineers.length === 0 && <Empty description={t('dispatch.noEngineers')} />}
          </Spin>
        </div>
        <aside
          data-testid="board-unassigned"
          style={{
            width: isPhone ? '100%' : 220,
            flex: 'none',
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadius,
            padding: 8,
            background: token.colorFillQuaternary,
            maxHeight: isPhone ? undefined : 'calc(100vh - 220px)',
            overflowY: 'auto',
          }}
        >
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('dispatch.unassigned')} {waiting.data ? <Badge count={unassigned.length} showZero color={token.colorTextTertiary} /> : null}
          </Typography.Title>
          {waiting.isError && <Alert type="error" showIcon title={errorText(waiting.error)} />}
          {waiting.isLoading && <Spin />}
          {waiting.data && unassigned.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.noneWaiting')} />
          )}
          <Flex vertical gap={6}>
            {unassigned.map(waitingCard)}
          </Flex>
        </aside>
      </Flex>
      {backupFor && <BackupEngineerDialog target={backupFor} onClose={() => setBackupFor(null)} />}
      {assigning && board.data && (
        <AssignDialog
          request={assigning}
          engineers={board.data.engineers.map((e) => e.engineer)}
          days={board.data.days}
          dayLabel={(d) => `${weekdayName(d)} ${d.slice(5)}`}
          onCancel={() => setAssigning(null)}
          onAssign={(engineer, date) => {
            setAssigning(null);
            assignTo(assigning.id, engineer, date);
          }}
        />
      )}
    </Card>
  );
}

type TToken = ReturnType<typeof theme.useToken>['token'];

/** The card's left edge: red urgent, orange high, the usual blue otherwise. */
function priorityColor(priority: TServiceRequestPriority, token: TToken): string {
  if (priority === 'urgent') return token.colorError;
  if (priority === 'high') return token.colorWarning;
  return token.colorPrimaryBorder;
}

function headerCell(token: TToken): CSSProperties {
  return {
    padding: '6px 8px',
    fontWeight: 600,
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
    background: token.colorFillQuaternary,
    position: 'sticky',
    top: 0,
    zIndex: 1,
  };
}

function bodyCell(token: TToken): CSSProperties {
  return {
    padding: 6,
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
  };
}
