import { type ComponentType, lazy } from 'react';

/**
 * A part drawn with antd, loaded once when first asked for, inside antd's theme and locale
 * (AntdShell). The signed-in frame and the engineer's field pages draw their first screen without
 * antd (light-button.tsx); what they open later (menus, dialogs, the search box) comes with antd
 * through here, so antd loads when it is first needed, not before the work appears.
 */
export function withAntd<P extends object>(load: () => Promise<ComponentType<P>>): () => Promise<ComponentType<P>> {
  let loaded: Promise<ComponentType<P>> | undefined;
  return () =>
    (loaded ??= Promise.all([load(), import('../app/layout/antd-shell')]).then(([Part, { AntdShell }]) => (props: P) => (
      <AntdShell>
        <Part {...props} />
      </AntdShell>
    )));
}

/** {@link withAntd} as a React.lazy component, for a part shown under a Suspense boundary. */
export function lazyWithAntd<P extends object>(load: () => Promise<ComponentType<P>>) {
  const part = withAntd(load);
  return lazy(async () => ({ default: await part() }));
}
