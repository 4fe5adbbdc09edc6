import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The heading of one section of the inspection page. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return <Typography.Title level={5}>{children}</Typography.Title>;
}
