import { Button, Flex, theme } from 'antd';

/**
 * A plain full-area message with one action. Deliberately light (no antd Result
 * and its illustrations): it is part of the first screen every visitor loads.
 */
export function StatusView({ title, detail, action }: { title: string; detail?: string; action?: { label: string; onClick: () => void } }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: '60vh', padding: 24, textAlign: 'center' }} role="alert">
      <div style={{ fontSize: token.fontSizeHeading4, fontWeight: 600, color: token.colorText }}>{title}</div>
      {detail && <div style={{ color: token.colorTextSecondary, maxWidth: 480 }}>{detail}</div>}
      {action && (
        <Button type="primary" onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </Flex>
  );
}
