import { DatePicker, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { DATE_FORMAT, keepEnterInPicker } from '../../../ui/dates';

/** One titled part of the contract form (basics, priced items, service commitments). */
export function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Flex justify="space-between" align="center" style={{ margin: '8px 0 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

/** Fields side by side on wide screens, one per line on phones. */
export const cell = { flex: '1 1 200px', minWidth: 0 } as const;

export function datePicker(testId: string) {
  return <DatePicker format={DATE_FORMAT} onKeyDown={keepEnterInPicker} style={{ width: '100%' }} data-testid={testId} />;
}
