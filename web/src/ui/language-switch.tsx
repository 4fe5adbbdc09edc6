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

  // A plain button (app/shell.css): the sign-in page shows it before antd has loaded.
  return (
    <button
      type="button"
      className="fuwu-btn fuwu-btn-text"
      onClick={toggle}
      disabled={savePreference.isPending}
      title={t('lang.switch')}
      aria-label={`${t('lang.switch')}: ${t('lang.other')}`}
      data-testid="lang-switch"
      data-locale={locale}
    >
      <GlobeIcon />
      <span lang={next}>{t('lang.other')}</span>
    </button>
  );
}

function GlobeIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="12" cy="12" r="10" />
      <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
    </svg>
  );
}
