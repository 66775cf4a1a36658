import i18next, { type TFunction } from 'i18next';
import { LOCALES, type Locale } from '@kefu/contracts';
import zhCN from '@kefu/contracts/locales/zh-CN.json' with { type: 'json' };
import enUS from '@kefu/contracts/locales/en-US.json' with { type: 'json' };

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export interface Translator {
  t(locale: Locale, key: string, params?: Record<string, unknown>): string;
}

/** Server-side messages (errors, validation) from the shared contracts locale files. */
export async function createTranslator(): Promise<Translator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const byLocale = new Map<Locale, TFunction>(LOCALES.map((locale) => [locale, instance.getFixedT(locale)]));
  return {
    t: (locale, key, params) => (byLocale.get(locale) ?? instance.t)(key, params ?? {}) as string,
  };
}

/**
 * The locale for a response: the signed-in user's preference, else the first supported
 * language in Accept-Language, else Chinese.
 */
export function negotiateLocale(acceptLanguage: string | undefined, preferred?: string | null): Locale {
  if (preferred && (LOCALES as readonly string[]).includes(preferred)) return preferred as Locale;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const quality = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: quality ? Number(quality.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
