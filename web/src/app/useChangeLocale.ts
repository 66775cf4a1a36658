import { useCallback } from 'react';
import type { Locale } from '@kefu/contracts';
import { useUpdateProfileMutation } from '../api/auth';
import i18n, { rememberLocale } from '../i18n';
import { useReportError } from '../components/useReportError';
import { useAuth } from './auth-context';

/** Switches the UI language; a signed-in user's choice is also saved to their profile. */
export function useChangeLocale() {
  const { user, acceptSession } = useAuth();
  const { mutateAsync: updateProfile } = useUpdateProfileMutation();
  const reportError = useReportError();
  return useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      await i18n.changeLanguage(locale);
      if (!user || user.locale === locale) return;
      try {
        acceptSession(await updateProfile({ locale }));
      } catch (error) {
        reportError(error);
      }
    },
    [user, acceptSession, updateProfile, reportError],
  );
}
