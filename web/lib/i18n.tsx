/**
 * The pages speak Chinese by default, English when chosen (remembered in this browser). Ant Design's own
 * texts follow through its locale; the pages' texts through `t(zh, en)` and the label dictionary.
 */
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type LabelSet, type Lang, label as labelOf } from './labels.ts';

export type { Lang };
const STORAGE_KEY = 'lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text in the chosen language. */
  t(zh: string, en: string): string;
  label(set: LabelSet, code: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing: the choice lasts for this visit.
    }
  }, []);
  useEffect(() => {
    void import('./dayjs-locale.ts').then((m) => m.setDayjsLocale(lang));
  }, [lang]);
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en), label: (set, code) => labelOf(set, code, lang) }),
    [lang, setLang],
  );
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b8282e', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
