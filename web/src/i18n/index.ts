import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LOCALES, type Locale } from '@kefu/contracts';
import sharedZhCN from '@kefu/contracts/locales/zh-CN.json';
import sharedEnUS from '@kefu/contracts/locales/en-US.json';
import webZhCN from './zh-CN.json';
import webEnUS from './en-US.json';

export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'kefu.locale';
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or blocked storage: the choice then lasts for this page only.
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

function applyLocaleToDocument(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
  document.documentElement.lang = locale;
  document.title = i18n.t('app.name');
}

i18n.on('languageChanged', (language) => {
  if (isLocale(language)) applyLocaleToDocument(language);
});

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: webZhCN, shared: sharedZhCN },
    'en-US': { translation: webEnUS, shared: sharedEnUS },
  },
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  ns: ['translation', 'shared'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
