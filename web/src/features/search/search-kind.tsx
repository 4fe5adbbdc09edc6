import {
  ContactsOutlined,
  PhoneOutlined,
  FileTextOutlined,
  HddOutlined,
  ShopOutlined,
  SolutionOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { TSearchKind } from '@contract/search';
import type { TMessageKey } from '../../app/i18n';

export const SEARCH_KIND_LABELS: Record<TSearchKind, TMessageKey> = {
  customer: 'search.kindCustomer',
  contact: 'search.kindContact',
  contract: 'search.kindContract',
  equipment: 'search.kindEquipment',
  document: 'search.kindDocument',
  call: 'search.kindCall',
  service_request: 'search.kindServiceRequest',
};

export const SEARCH_KIND_ICONS: Record<TSearchKind, ReactNode> = {
  customer: <ShopOutlined />,
  contact: <ContactsOutlined />,
  contract: <SolutionOutlined />,
  equipment: <HddOutlined />,
  document: <FileTextOutlined />,
  call: <PhoneOutlined />,
  service_request: <ToolOutlined />,
};
