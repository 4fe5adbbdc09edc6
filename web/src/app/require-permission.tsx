import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { TAction } from '@contract/permissions';
import { useCan } from '../api/me.hooks';
import { useT } from './locale-context';
import { StatusView } from './status-view';

/** Shows the page only to users whose roles permit `permission`; the API enforces the same action. */
export function RequirePermission({ permission, children }: { permission: TAction; children: ReactNode }) {
  const allowed = useCan(permission);
  const t = useT();
  const navigate = useNavigate();
  if (allowed) return children;
  return <StatusView title={t('app.forbidden')} action={{ label: t('app.backHome'), onClick: () => navigate('/') }} testId="forbidden" />;
}
