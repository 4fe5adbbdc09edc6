/** A page-sized loading indicator, without antd: it shows before antd has loaded (app/shell.css). */
export function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <div className="fuwu-status" data-testid="page-loading" role="status" aria-label={tip}>
      <div className="fuwu-spinner" />
    </div>
  );
}
