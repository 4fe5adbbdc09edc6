import { type AnchorHTMLAttributes, type ButtonHTMLAttributes, forwardRef, type ReactNode, type Ref } from 'react';

export interface LightButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** antd's button kinds, drawn alike (app/shell.css). */
  type?: 'primary' | 'default' | 'text' | 'link';
  htmlType?: 'button' | 'submit';
  danger?: boolean;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
  /** A spinner in place of the icon; clicks are ignored meanwhile. */
  loading?: boolean;
  icon?: ReactNode;
  /** A link drawn as a button (`tel:`, a download); `download` as the anchor's. */
  href?: string;
  download?: AnchorHTMLAttributes<HTMLAnchorElement>['download'];
}

/**
 * A button drawn like antd's, without antd: the engineer's phone pages (my work, a request) and
 * the signed-in frame draw their first screen with plain elements, so a phone neither downloads
 * nor runs antd and its theme before the work appears. antd's Button stays everywhere else.
 */
export const LightButton = forwardRef<HTMLButtonElement | HTMLAnchorElement, LightButtonProps>(function LightButton(
  { type = 'default', htmlType = 'button', danger, size, block, loading, icon, href, download, className, children, onClick, ...rest },
  ref,
) {
  const iconOnly = children === undefined || children === null || children === false;
  const classes = [
    'fuwu-btn',
    `fuwu-btn-${type}`,
    danger && 'fuwu-btn-danger',
    size === 'small' && 'fuwu-btn-sm',
    size === 'large' && 'fuwu-btn-lg',
    block && 'fuwu-btn-block',
    iconOnly && 'fuwu-btn-icon-only',
    loading && 'fuwu-btn-loading',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  const inner = (
    <>
      {loading ? <span className="fuwu-btn-spinner" aria-hidden="true" /> : icon}
      {!iconOnly && <span>{children}</span>}
    </>
  );
  if (href !== undefined) {
    const { disabled: _, ...anchor } = rest;
    return (
      <a
        ref={ref as Ref<HTMLAnchorElement>}
        href={href}
        download={download}
        className={classes}
        {...(anchor as AnchorHTMLAttributes<HTMLAnchorElement>)}
      >
        {inner}
      </a>
    );
  }
  return (
    <button
      ref={ref as Ref<HTMLButtonElement>}
      type={htmlType}
      className={classes}
      aria-busy={loading || undefined}
      onClick={loading ? undefined : onClick}
      {...rest}
    >
      {inner}
    </button>
  );
});
