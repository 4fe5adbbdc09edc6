import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { meQuery } from '../api/me.hooks';
import { FullPageSpin } from '../ui/full-page-spin';
import { nextTask } from '../ui/next-task';
import { withAntd } from '../ui/lazy-with-antd';
import { type NavPage, navPages } from './navigation';
import { queryClient } from './query-client';
import { RequireAuth } from './route-guards';
import { RouteError } from './route-error';

/** A menu page's route: its module loads on first visit; a permission, if any, guards it. */
function pageRoute(page: NavPage): RouteObject {
  const prefetch = page.prefetch;
  const where = page.path === '/' ? { index: true as const } : { path: page.path.slice(1) };
  return {
    ...where,
    handle: { navKey: page.key },
    // Starts the page's data beside its code; never waited for (the page shows its own loading).
    ...(prefetch && {
      loader: ({ params }: LoaderFunctionArgs) => {
        prefetch(params);
        return null;
      },
    }),
    // A failing page shows its error inside the layout; the menu and header stay usable.
    errorElement: <RouteError />,
    lazy: async () => {
      // The page's code is evaluated in a task of its own, not in the one that built the routes or
      // evaluated the frame (app-layout below): together they blocked a phone for longer than 50 ms.
      await nextTask();
      const permission = page.permission;
      // Every page but the light ones draws with antd, inside its theme and locale.
      const [Page, guard] = await Promise.all([
        page.light ? page.page() : withAntd(page.page)(),
        permission ? import('./require-permission') : null,
      ]);
      return {
        element:
          guard && permission ? (
            <guard.RequirePermission permission={permission}>
              <Page />
            </guard.RequirePermission>
          ) : (
            <Page />
          ),
      };
    },
  };
}

/**
 * Every route is lazy, so the sign-in page loads only the shell and its own form;
 * the signed-in layout and each area arrive when first needed.
 */
export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: 'login', lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }) },
      // Public pages (no account): a training session's feedback form, a certificate's verification.
      {
        path: 'feedback/:token',
        lazy: async () => ({ Component: (await import('../features/trainings/public-feedback-page')).PublicFeedbackPage }),
      },
      {
        path: 'certificates/:code',
        lazy: async () => ({ Component: (await import('../features/trainings/certificate-verify-page')).CertificateVerifyPage }),
      },
      {
        element: <RequireAuth />,
        // The session is asked for as navigation starts, beside the frame's and the page's code,
        // not once they have loaded and the guard renders; never waited for (the guard does that).
        loader: () => {
          void queryClient.prefetchQuery(meQuery);
          return null;
        },
        children: [
          {
            lazy: async () => ({ Component: (await import('./layout/app-layout')).AppLayout }),
            children: [
              ...navPages().flatMap((p) => [
                pageRoute(p),
                ...(p.subPages ?? []).map((sub) =>
                  pageRoute({ ...p, path: `${p.path}/${sub.path}`, page: sub.page, prefetch: sub.prefetch, light: sub.light }),
                ),
              ]),
              {
                path: '*',
                lazy: async () => ({ Component: await withAntd(() => import('./not-found-page').then((m) => m.NotFoundPage))() }),
              },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
