import { Col, Flex, Row, Tag, theme } from 'antd';
import type { TAuditEntry } from '@contract/audit';
import { useT } from '../../app/locale-context';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Top-level fields whose values differ between before and after. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Before and after of one audited change, side by side (stacked on phones). */
export function AuditChange({ entry }: { entry: TAuditEntry }) {
  const t = useT();
  const { token } = theme.useToken();
  const changed = changedFields(entry.before, entry.after);

  const block = (label: string, value: unknown, testId: string) => (
    <Col xs={24} md={12}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{label}</div>
      <pre
        data-testid={testId}
        style={{
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          padding: 12,
          fontSize: 12,
          maxHeight: 360,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {value === null || value === undefined ? t('common.none') : JSON.stringify(value, null, 2)}
      </pre>
    </Col>
  );

  return (
    <div data-testid={`audit-change-${entry.id}`}>
      {changed.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 8 }}>
          <span>{t('audit.changedFields')}:</span>
          {changed.map((k) => (
            <Tag key={k} color="orange">
              {k}
            </Tag>
          ))}
        </Flex>
      )}
      <Row gutter={[12, 12]}>
        {block(t('audit.before'), entry.before, 'audit-before')}
        {block(t('audit.after'), entry.after, 'audit-after')}
      </Row>
    </div>
  );
}
