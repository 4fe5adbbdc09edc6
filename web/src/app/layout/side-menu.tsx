import { createElement, useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import type { TAction } from '@contract/permissions';
import { useT } from '../locale-context';
import { findNavPage, isNavSection, type NavPage, visibleNavigation } from '../navigation';
import { NAV_ICONS } from './nav-icons';

/**
 * The menu by rulebook area: links with icons, each area a heading over its pages. Plain elements
 * (app/shell.css), drawn like antd's inline menu: the frame shows it before antd has loaded.
 * Collapsed, icons only, each named by its title.
 */
export function SideMenu({
  permissions,
  onNavigate,
  collapsed,
}: {
  permissions: readonly TAction[];
  onNavigate?: () => void;
  /** Icons only (the frame's narrow menu). */
  collapsed?: boolean;
}) {
  const t = useT();
  const { pathname } = useLocation();
  const entries = useMemo(() => visibleNavigation(permissions), [permissions]);
  const selected = findNavPage(pathname, entries)?.key;

  const leaf = (p: NavPage, nested: boolean) => (
    <li key={p.key}>
      <Link
        to={p.path}
        onClick={onNavigate}
        className={`fuwu-menu-item${nested && !collapsed ? ' fuwu-menu-nested' : ''}${p.key === selected ? ' fuwu-menu-selected' : ''}`}
        aria-current={p.key === selected ? 'page' : undefined}
        title={collapsed ? t(p.label) : undefined}
        data-testid={`nav-${p.key}`}
      >
        {createElement(NAV_ICONS[p.icon], { 'aria-hidden': true })}
        {collapsed ? <span className="fuwu-visually-hidden">{t(p.label)}</span> : <span>{t(p.label)}</span>}
      </Link>
    </li>
  );

  return (
    <nav className={collapsed ? 'fuwu-menu fuwu-menu-collapsed' : 'fuwu-menu'} aria-label={t('nav.menu')} data-testid="side-menu">
      <ul>
        {entries.map((e) =>
          isNavSection(e) ? (
            <li key={e.key}>
              <div className="fuwu-menu-section" title={collapsed ? t(e.label) : undefined}>
                {createElement(NAV_ICONS[e.icon], { 'aria-hidden': true })}
                {!collapsed && <span>{t(e.label)}</span>}
              </div>
              <ul>{e.children.map((p) => leaf(p, true))}</ul>
            </li>
          ) : (
            leaf(e, false)
          ),
        )}
      </ul>
    </nav>
  );
}
