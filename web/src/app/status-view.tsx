/**
 * A plain full-area message with one action. Deliberately light (plain elements styled by
 * app/shell.css, no antd): it is part of the first screen every visitor may see.
 */
export function StatusView({
  title,
  detail,
  action,
  testId,
}: {
  title: string;
  detail?: string;
  action?: { label: string; onClick: () => void };
  testId?: string;
}) {
  return (
    <div className="fuwu-status" role="alert" data-testid={testId}>
      <div className="fuwu-status-title">{title}</div>
      {detail && <div className="fuwu-status-detail">{detail}</div>}
      {action && (
        <button type="button" className="fuwu-btn fuwu-btn-primary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
