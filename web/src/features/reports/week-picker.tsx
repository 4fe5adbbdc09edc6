import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { addDays } from '@contract/reports';
import { useLocale } from '../../app/locale-context';
import { shiftWeek } from './report-week';

/** The week shown (Monday–Sunday in the company's zone), with the previous and next week. */
export function WeekPicker({ week, onChange }: { week: string; onChange: (w: string) => void }) {
  const { t } = useLocale();
  return (
    <Space>
      <Button icon={<LeftOutlined />} aria-label={t('workReports.prevWeek')} onClick={() => onChange(shiftWeek(week, -1))} />
      <Typography.Text strong data-testid="week-range">
        {week} – {addDays(week, 6)}
      </Typography.Text>
      <Button icon={<RightOutlined />} aria-label={t('workReports.nextWeek')} onClick={() => onChange(shiftWeek(week, 1))} />
    </Space>
  );
}
