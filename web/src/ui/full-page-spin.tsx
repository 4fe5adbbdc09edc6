/**
 * A page-sized loading indicator, without antd: it shows before antd has loaded (app/shell.css).
 * The same drawing is in index.html, shown before any script runs, so the first paint comes with
 * the page itself and React's first screen replaces it without a jump.
 */
export function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <div className="fuwu-status" data-testid="page-loading" role="status" aria-label={tip}>
      <svg className="fuwu-spinner-svg" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
        <circle cx="16" cy="16" r="14" fill="none" stroke="rgba(22,104,220,0.2)" strokeWidth="3" />
        <path d="M16 2a14 14 0 0 1 14 14" fill="none" stroke="#1668dc" strokeWidth="3" />
      </svg>
    </div>
  );
}
