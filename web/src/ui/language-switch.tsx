import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { TLocale } from '@contract/common';
import { useMe, useUpdatePreferences } from '../api/me.hooks';
import { useLocale } from '../app/locale-context';

/**
 * Toggles zh-CN ⇄ en. Signed in, the choice is saved on the server (PATCH
 * /api/me/preferences) so it follows the user; before sign-in, the browser keeps it.
 * If saving fails, the language goes back and `onSaveError` reports why.
 */
export function LanguageSwitch({ onSaveError }: { onSaveError?: (err: unknown) => void }) {
  const { locale, setLocale, t } = useLocale();
  const me = useMe().data;
  const savePreference = useUpdatePreferences();
  const next: TLocale = locale === 'zh-CN' ? 'en' : 'zh-CN';

  function toggle() {
    const previous = locale;
    setLocale(next);
    if (me) {
      savePreference.mutate(
        { locale: next },
        {
          onError: (err) => {
            setLocale(previous);
            onSaveError?.(err);
          },
        },
      );
    }
  }

  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={toggle}
      loading={savePreference.isPending}
      title={t('lang.switch')}
      aria-label={`${t('lang.switch')}: ${t('lang.other')}`}
      data-testid="lang-switch"
      data-locale={locale}
    >
      <span lang={next}>{t('lang.other')}</span>
    </Button>
  );
}
