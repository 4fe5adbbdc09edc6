import type { HTMLAttributes, ReactNode } from 'react';

/** The colours the app gives tags: antd's preset names and its status names. */
export type TLightTagColor =
  | 'default'
  | 'blue'
  | 'cyan'
  | 'geekblue'
  | 'purple'
  | 'magenta'
  | 'gold'
  | 'orange'
  | 'volcano'
  | 'green'
  | 'lime'
  | 'red'
  | 'processing'
  | 'success'
  | 'warning'
  | 'error';

/**
 * A tag drawn like antd's (app/shell.css), without antd: see light-button.tsx for why. Text is
 * written in a shade dark enough for WCAG AA on its background (4.5:1), as the theme does for antd's.
 */
export function LightTag({
  color = 'default',
  className,
  children,
  ...rest
}: { color?: TLightTagColor | string; children?: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span className={`fuwu-tag fuwu-tag-${color}${className ? ` ${className}` : ''}`} {...rest}>
      {children}
    </span>
  );
}
