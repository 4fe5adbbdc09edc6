import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { TLocale } from '@contract/common';
import { pick, type TBilingual } from '@contract/bilingual';
import { setRequestLocale } from '../api/client';
import { DEFAULT_LOCALE, hasMessages, loadMessages, type TMessageKey, type TMessageVars, translate } from './i18n';

/** Before sign-in the chosen language is remembered in the browser; after, the user's own setting wins. */
const STORAGE_KEY = 'fuwu.locale';

function readStoredLocale(): TLocale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function storeLocale(locale: TLocale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The messages of one language; `locale` says which (for wordings shared with the server). */
export type TTranslate = ((key: TMessageKey, vars?: TMessageVars) => string) & { readonly locale: TLocale };

interface LocaleState {
  locale: TLocale;
  setLocale: (locale: TLocale) => void;
  t: TTranslate;
  /** A text the contract gives in both languages (labels, warnings), in this one. */
  pick: <T>(label: TBilingual<T>) => T;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<TLocale>(() => {
    const stored = readStoredLocale();
    setRequestLocale(stored);
    return stored;
  });
  // English is loaded when chosen; until it is, pages wait (a moment) rather than flash in Chinese.
  const [ready, setReady] = useState(() => hasMessages(locale));
  useEffect(() => {
    if (hasMessages(locale)) return setReady(true);
    let live = true;
    setReady(false);
    loadMessages(locale)
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [locale]);

  const setLocale = useCallback((next: TLocale) => {
    storeLocale(next);
    setRequestLocale(next);
    // Switch once the language is there, so nothing is shown half in the old one.
    void loadMessages(next)
      .catch(() => undefined)
      .then(() => setLocaleState(next));
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<LocaleState>(() => {
    const t = Object.assign((key: TMessageKey, vars?: TMessageVars) => translate(locale, key, vars), { locale });
    return { locale, setLocale, t, pick: <T,>(label: TBilingual<T>) => pick(label, locale) };
  }, [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{ready ? children : null}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside <LocaleProvider>');
  return state;
}

/** The translate function of the current language. */
export function useT(): TTranslate {
  return useLocale().t;
}
