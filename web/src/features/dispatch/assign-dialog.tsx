import { Form, Modal, Select } from 'antd';
import { useState } from 'react';
import type { TServiceRequest } from '@contract/service-requests';
import { useLocale } from '../../app/locale-context';

/**
 * Assigning without drag and drop (a touch screen, a keyboard): the engineer and the day of the
 * board's week, chosen from two lists; the board assigns as a drop would.
 */
export function AssignDialog({
  request,
  engineers,
  days,
  dayLabel,
  onCancel,
  onAssign,
}: {
  request: Pick<TServiceRequest, 'number' | 'responsibleEngineer'>;
  engineers: readonly { id: number; name: string }[];
  days: readonly string[];
  dayLabel: (day: string) => string;
  onCancel: () => void;
  onAssign: (engineer: { id: number; name: string }, date: string) => void;
}) {
  const { t } = useLocale();
  const [engineerId, setEngineerId] = useState<number | undefined>(request.responsibleEngineer?.id);
  const [date, setDate] = useState<string | undefined>(undefined);
  const engineer = engineers.find((e) => e.id === engineerId);
  return (
    <Modal
      open
      title={t('dispatch.assignTitle', { number: request.number })}
      okText={t('dispatch.assignOk')}
      okButtonProps={{ disabled: !engineer || !date, 'data-testid': 'assign-ok' } as never}
      onOk={() => engineer && date && onAssign(engineer, date)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('dispatch.assignEngineer')}>
          <Select
            value={engineerId}
            onChange={setEngineerId}
            options={engineers.map((e) => ({ value: e.id, label: e.name }))}
            data-testid="assign-engineer"
          />
        </Form.Item>
        <Form.Item label={t('dispatch.assignDay')}>
          <Select value={date} onChange={setDate} options={days.map((d) => ({ value: d, label: dayLabel(d) }))} data-testid="assign-day" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
