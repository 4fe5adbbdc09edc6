import { Menu, type MenuProps } from 'antd';
import { createElement, useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import type { TAction } from '@contract/permissions';
import { useT } from '../locale-context';
import { NAV_ICONS } from './nav-icons';
import { findNavPage, isNavSection, type NavPage, visibleNavigation } from '../navigation';

type MenuItem = Required<MenuProps>['items'][number];

export function SideMenu({ permissions, onNavigate }: { permissions: readonly TAction[]; onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const entries = useMemo(() => visibleNavigation(permissions), [permissions]);

  const items = useMemo<MenuItem[]>(() => {
    const leaf = (p: NavPage): MenuItem => ({
      key: p.key,
      icon: createElement(NAV_ICONS[p.icon]),
      label: (
        <Link to={p.path} onClick={onNavigate} data-testid={`nav-${p.key}`}>
          {t(p.label)}
        </Link>
      ),
    });
    return entries.map((e) =>
      isNavSection(e) ? { key: e.key, icon: createElement(NAV_ICONS[e.icon]), label: t(e.label), children: e.children.map(leaf) } : leaf(e),
    );
  }, [entries, onNavigate, t]);

  const selected = findNavPage(pathname, entries)?.key;
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={entries.filter(isNavSection).map((e) => e.key)}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );
}
