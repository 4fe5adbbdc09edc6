import { Card, Flex, theme } from 'antd';
import { useCurrentUser } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';
import { RoleTags } from '../../ui/role-tags';

/** 工作台 — a placeholder until the areas bring their to-do lists. */
export function HomePage() {
  const t = useT();
  const me = useCurrentUser();
  const { token } = theme.useToken();
  return (
    <Card data-testid="home">
      <h2 style={{ marginTop: 0, fontSize: token.fontSizeHeading3, fontWeight: 600 }} data-testid="home-welcome">
        {t('home.welcome', { name: me.name })}
      </h2>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <span style={{ color: token.colorTextSecondary }}>{t('home.yourRoles')}</span>
        <RoleTags roles={me.roles} />
      </Flex>
      <p style={{ color: token.colorTextSecondary, marginBottom: 0 }}>{t('home.placeholder')}</p>
    </Card>
  );
}
