import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CarOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  HddOutlined,
  HomeOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  ExceptionOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

/** The side menu's icons, named by the navigation entries (app/navigation.ts). */
export const NAV_ICONS = {
  alert: AlertOutlined,
  api: ApiOutlined,
  audit: AuditOutlined,
  bell: BellOutlined,
  calendar: CalendarOutlined,
  car: CarOutlined,
  fileDone: FileDoneOutlined,
  folderOpen: FolderOpenOutlined,
  hdd: HddOutlined,
  home: HomeOutlined,
  project: ProjectOutlined,
  schedule: ScheduleOutlined,
  search: SearchOutlined,
  setting: SettingOutlined,
  shop: ShopOutlined,
  solution: SolutionOutlined,
  team: TeamOutlined,
  tool: ToolOutlined,
  exception: ExceptionOutlined,
  phone: PhoneOutlined,
} satisfies Record<string, ComponentType>;

export type TNavIcon = keyof typeof NAV_ICONS;
