import type { CSSProperties, ReactNode } from 'react';
import type { TServiceRequestEditField, TServiceRequestHistoryEvent } from '@contract/service-request-history';
import type { TServiceRequestKind } from '@contract/service-request-workflow';
import type { TServiceRequestPriority } from '@contract/service-requests';
import { useServiceRequestHistory } from '../../api/service-requests.hooks';
import type { TMessageKey } from '../../app/i18n';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useErrorText } from '../../ui/error-text';
import { useEscalationLabels } from '../escalations/escalation-labels';
import { useSrLabels } from './sr-labels';
import { formatMinutes } from './sr-tags';

const dash = '—';
const time = (v: string | null) => (v ? formatCompanyTime(v).slice(0, 16) : dash);

const FIELD_LABELS: Record<TServiceRequestEditField, TMessageKey> = {
  kind: 'sr.kind',
  contract: 'sr.contract',
  project: 'sr.project',
  originRef: 'sr.originLabel',
  contactName: 'sr.contactName',
  contactPhone: 'sr.contactPhone',
  siteAddress: 'sr.siteAddress',
  description: 'sr.description',
  requestedDate: 'sr.requestedDate',
  plannedStart: 'sr.plannedStart',
  plannedEnd: 'sr.plannedEnd',
  agreedArrivalAt: 'sr.agreedArrival',
  priority: 'sr.priority',
  remarks: 'sr.remarks',
  incomplete: 'sr.incomplete',
};
const TIME_FIELDS: readonly TServiceRequestEditField[] = ['plannedStart', 'plannedEnd', 'agreedArrivalAt'];

/** antd's red, gold and blue: the dot of an escalation, a pause, an assignment. */
const DOT = { red: '#ff4d4f', gold: '#faad14', blue: '#1677ff' };
const COLORS: Partial<Record<TServiceRequestHistoryEvent['type'], string>> = { escalation: DOT.red, pause: DOT.gold, assignment: DOT.blue };

/**
 * 处理经过 (R-FLOW-1): the request's own activity as the server derives it from the audit trail —
 * who did what and when, with notes, assignments, edits, pauses and escalations.
 */
export function ServiceRequestHistory({ requestId }: { requestId: number }) {
  const { t } = useLocale();
  const errorText = useErrorText();
  const history = useServiceRequestHistory(requestId);
  const describe = useDescribe();

  if (history.isError)
    return (
      <div className="fuwu-message fuwu-message-error" role="alert">
        {errorText(history.error)}
      </div>
    );
  if (!history.data) return <div className="fuwu-empty">{t('app.loading')}</div>;
  if (history.data.items.length === 0) return <span className="fuwu-muted">{t('sr.hNone')}</span>;
  // Drawn like antd's Timeline with a plain list (app/shell.css): Timeline brings antd's Steps.
  return (
    <ol className="fuwu-timeline" data-testid="sr-history">
      {history.data.items.map((e) => {
        const { title, details } = describe(e);
        const color = COLORS[e.type] ?? (e.type === 'step' && e.pause ? DOT.gold : undefined);
        return (
          <li key={e.key} style={color ? ({ '--dot': color } as CSSProperties) : undefined} data-testid={`sr-history-${e.type}`}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline' }}>
              <span className="fuwu-muted" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {time(e.at)}
              </span>
              <strong>{e.actor ? e.actor.name : t('sr.hSystem')}</strong>
              <span>{title}</span>
            </div>
            {details
              .filter((d): d is string => Boolean(d))
              .map((d) => (
                <div key={d} className="fuwu-muted" style={{ whiteSpace: 'pre-wrap' }}>
                  {d}
                </div>
              ))}
          </li>
        );
      })}
    </ol>
  );
}

/** One event as a title line and detail lines, in the user's language. */
function useDescribe() {
  const { t } = useLocale();
  const labels = useSrLabels();
  const escalation = useEscalationLabels();
  const name = (r: { name: string } | null) => r?.name ?? dash;
  const engineerChange = (key: TMessageKey, c: { from: { id: number; name: string } | null; to: { id: number; name: string } | null }) =>
    (c.from?.id ?? null) === (c.to?.id ?? null) ? null : t('sr.hChange', { field: t(key), from: name(c.from), to: name(c.to) });
  const value = (field: TServiceRequestEditField, v: string | null) => {
    if (v === null || v === '') return dash;
    if (field === 'kind') return labels.kind(v as TServiceRequestKind);
    if (field === 'priority') return labels.priority(v as TServiceRequestPriority);
    if (field === 'incomplete') return v === 'true' ? t('sr.hYes') : t('sr.hNo');
    if (TIME_FIELDS.includes(field)) return time(v);
    return v;
  };
  const duration = (from: string, until: string) => formatMinutes((Date.parse(until) - Date.parse(from)) / 60_000, t);

  return (e: TServiceRequestHistoryEvent): { title: ReactNode; details: (string | null)[] } => {
    switch (e.type) {
      case 'created':
        return {
          title: e.urgent ? t('sr.hCreatedUrgent') : t('sr.hCreated', { state: labels.state(e.state) }),
          details: [
            e.responsibleEngineer ? `${t('sr.responsibleEngineer')}${t('common.colon')}${e.responsibleEngineer.name}` : null,
            e.backupEngineer ? `${t('sr.backupEngineer')}${t('common.colon')}${e.backupEngineer.name}` : null,
          ],
        };
      case 'step':
        return {
          title: t('sr.hStep', { action: labels.action(e.action), from: labels.state(e.from), to: labels.state(e.to) }),
          details: [
            e.note ? t('sr.hNote', { note: e.note }) : null,
            e.pause
              ? e.pause.stopsSla
                ? e.pause.until
                  ? t('sr.hSlaPaused', { duration: duration(e.at, e.pause.until) })
                  : t('sr.hSlaPausedOngoing')
                : t('sr.hSlaRuns')
              : null,
          ],
        };
      case 'assignment':
        return {
          title: t(e.source === 'assign' ? 'sr.hAssign' : e.source === 'backup' ? 'sr.hBackup' : 'sr.hEngineersEdited'),
          details: [
            engineerChange('sr.responsibleEngineer', e.responsibleEngineer),
            engineerChange('sr.backupEngineer', e.backupEngineer),
            e.plannedStart || e.plannedEnd ? t('sr.hPlanned', { from: time(e.plannedStart), to: time(e.plannedEnd) }) : null,
          ],
        };
      case 'edited':
        return {
          title: t('sr.hEdited'),
          details: e.changes.map((c) =>
            t('sr.hChange', { field: t(FIELD_LABELS[c.field]), from: value(c.field, c.from), to: value(c.field, c.to) }),
          ),
        };
      case 'escalation': {
        const kind = escalation.kind(e.kind);
        const title =
          e.stage === 'raised'
            ? t('sr.hEscalationRaised', { kind })
            : e.stage === 'acknowledged'
              ? t('sr.hEscalationAcknowledged', { kind })
              : t('sr.hEscalationClosed', { kind });
        return {
          title,
          details: [
            e.improvementMeasure ? `${t('escalation.measure')}${t('common.colon')}${e.improvementMeasure}` : null,
            e.text ? (e.stage === 'closed' ? `${t('escalation.resolutionNote')}${t('common.colon')}${e.text}` : e.text) : null,
          ],
        };
      }
      case 'pause':
        return {
          title: t('sr.hPause', { state: labels.state(e.state) }),
          details: [
            e.reason ? t('sr.hNote', { note: e.reason }) : null,
            e.stopsSla
              ? e.until
                ? t('sr.hSlaPaused', { duration: duration(e.at, e.until) })
                : t('sr.hSlaPausedOngoing')
              : t('sr.hSlaRuns'),
          ],
        };
    }
  };
}
