import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/me.hooks';
import { setCompanyTimeZone } from '../ui/company-time';
import { FullPageSpin } from '../ui/full-page-spin';
import { useErrorText } from '../ui/error-text';
import { useLocale } from './locale-context';
import { StatusView } from './status-view';

/** Routes below need a signed-in user; others are sent to sign in and brought back after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const { t } = useLocale();
  const errorText = useErrorText();

  if (me.isPending) return <FullPageSpin tip={t('app.loading')} />;
  if (me.isError) {
    return (
      <StatusView
        title={t('app.unreachable')}
        detail={errorText(me.error)}
        action={{ label: t('app.retry'), onClick: () => void me.refetch() }}
      />
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // Before the pages below render: they show every time in the company's zone.
  setCompanyTimeZone(me.data);
  return <Outlet />;
}

/** Only same-site paths may be returned to after sign-in (no open redirect). */
export function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
