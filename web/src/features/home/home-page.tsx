import { Card, Col, Empty, Flex, Row, Skeleton, Tag, theme } from 'antd';
import { Link } from 'react-router';
import { pick } from '@contract/bilingual';
import type { TWorkbenchCard, TWorkbenchItem, TWorkbenchTone } from '@contract/workbench';
import { WORKBENCH_CARDS, workbenchHref } from '@contract/workbench-cards';
import { useCurrentUser } from '../../api/me.hooks';
import { useWorkbench } from '../../api/workbench.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { RoleTags } from '../../ui/role-tags';

type TToken = ReturnType<typeof theme.useToken>['token'];

function toneColor(tone: TWorkbenchTone, token: TToken): string {
  if (tone === 'danger') return token.colorError;
  if (tone === 'warning') return token.colorWarning;
  if (tone === 'success') return token.colorSuccess;
  return token.colorText;
}

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

function WorkbenchItemRow({ item, token }: { item: TWorkbenchItem; token: TToken }) {
  const { t } = useLocale();
  return (
    <li style={{ padding: '6px 0', borderTop: `1px solid ${token.colorSplit}`, minWidth: 0 }} data-testid="workbench-item">
      <Link to={item.path} style={{ display: 'block', ...ellipsis }} title={item.title}>
        {item.title}
      </Link>
      <Flex justify="space-between" gap={8} style={{ fontSize: token.fontSizeSM, color: token.colorTextSecondary, minWidth: 0 }}>
        <span style={{ ...ellipsis, minWidth: 0 }} title={item.subtitle ?? undefined}>
          {item.subtitle}
        </span>
        {item.dueAt && (
          <span style={{ color: toneColor(item.tone, token), flexShrink: 0 }} data-testid="workbench-item-due">
            {t('home.due', { at: formatCompanyTime(item.dueAt) })}
          </span>
        )}
      </Flex>
    </li>
  );
}

function WorkbenchCardView({ card }: { card: TWorkbenchCard }) {
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const def = WORKBENCH_CARDS[card.key];
  const href = workbenchHref(card.key, card.query);
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { minWidth: 0 } }} data-testid={`workbench-card-${card.key}`}>
      <div style={{ color: token.colorTextSecondary, ...ellipsis }} title={pick(def.label, locale)}>
        {pick(def.label, locale)}
      </div>
      <Link
        to={href}
        style={{ fontSize: 32, fontWeight: 600, lineHeight: 1.3, color: toneColor(card.tone, token), whiteSpace: 'nowrap' }}
        data-testid="workbench-count"
      >
        {card.count}
        {card.capped ? '+' : ''}
      </Link>
      <div style={{ fontSize: token.fontSizeSM, color: token.colorTextTertiary, marginBottom: 4 }}>{pick(def.hint, locale)}</div>
      {card.breakdown.length > 0 && (
        <Flex wrap gap={4} style={{ marginBottom: 4 }}>
          {card.breakdown.map((b) => (
            <Link key={b.label} to={workbenchHref(card.key, b.query)} data-testid="workbench-part">
              <Tag style={{ marginInlineEnd: 0 }}>
                {b.label} {b.count}
              </Tag>
            </Link>
          ))}
        </Flex>
      )}
      {card.items.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {card.items.map((item) => (
            <WorkbenchItemRow key={item.path + item.title} item={item} token={token} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** 工作台: each role's numbers (contract/workbench-cards.ts), each opening the list behind it. */
export function HomePage() {
  const { t } = useLocale();
  const me = useCurrentUser();
  const { token } = theme.useToken();
  const workbench = useWorkbench();
  return (
    <div data-testid="home">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <h2 style={{ margin: 0, fontSize: token.fontSizeHeading3, fontWeight: 600 }} data-testid="home-welcome">
          {t('home.welcome', { name: me.name })}
        </h2>
        <RoleTags roles={me.roles} />
      </Flex>
      <QueryErrorAlert query={workbench} />
      {workbench.isPending ? (
        <Skeleton active />
      ) : workbench.data && workbench.data.cards.length > 0 ? (
        <Row gutter={[16, 16]} data-testid="workbench">
          {workbench.data.cards.map((card) => (
            <Col key={card.key} xs={24} sm={12} lg={8} xxl={6}>
              <WorkbenchCardView card={card} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty description={t('home.nothing')} />
        </Card>
      )}
    </div>
  );
}
