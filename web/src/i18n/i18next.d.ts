import 'i18next';
import type webMessages from './zh-CN.json';
import type sharedMessages from '@kefu/contracts/locales/zh-CN.json';

// Typed keys: a `t('…')` call with a key missing from zh-CN.json fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof webMessages;
      shared: typeof sharedMessages;
    };
  }
}
