import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useLocale } from './locale-context';
import { StatusView } from './status-view';

/**
 * Whatever a route throws lands here. The usual case is a page chunk that no
 * longer exists because a new version was deployed: reloading fetches the new one.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useLocale();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : undefined;
  return (
    <StatusView
      title={t('app.pageLoadFailed')}
      detail={detail}
      action={{ label: t('app.reload'), onClick: () => window.location.reload() }}
    />
  );
}
