import type { TFunction } from 'i18next';

/** A reason the sign-in card gives in its own words (`signIn:error.<code>`), in the reader's language. */
export type SignInErrorCode = 'invalid' | 'network' | 'unexpected' | 'sessionEnded' | 'unencrypted' | 'cacheTooNew' | 'cacheUnreadable';

/**
 * Why a sign-in failed or a session ended, as state keeps it: a code, worded only where it is
 * shown. `refused`: the server said no for a reason without a code here (a 429's wait, a 400);
 * its own message is shown as it came, never hidden, or its status when it sent none.
 */
export type SignInError = { code: SignInErrorCode } | { code: 'refused'; status: number; message: string | null };

/** The sign-in card's words for an error, in the language `t` speaks. */
export const signInErrorText = (error: SignInError, t: TFunction<'signIn'>): string => {
  if (error.code !== 'refused') return t(`error.${error.code}`);
  return error.message ?? t('error.refused', { status: error.status });
};
