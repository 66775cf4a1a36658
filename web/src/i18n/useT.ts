import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/** The UI's own strings plus the labels shared with the server (`shared:` prefix). */
export type AppT = TFunction<['translation', 'shared']>;

export function useT() {
  return useTranslation(['translation', 'shared']);
}
