import type { TFunction } from 'i18next';
import type { AccountsFailure } from './accountsClient';
import type { Reason } from './accountForm';

const TRANSLATED = ['username_taken', 'last_admin', 'self_deactivation', 'not_found', 'forbidden', 'unauthorized'] as const;
type TranslatedCode = (typeof TRANSLATED)[number];
const isTranslated = (code: string): code is TranslatedCode => TRANSLATED.some((known) => known === code);

/** A refusal above a form or the table: ours in the reader's language where we know the code, else the server's words. */
export const failureText = (failure: AccountsFailure, t: TFunction<'accounts'>): string => {
  if (failure.kind === 'offline') return t('offline');
  if (isTranslated(failure.code)) return t(`errors.${failure.code}`);
  if (failure.status === 403) return t('errors.forbidden');
  if (failure.status === 401) return t('errors.unauthorized');
  return t('errors.refused', { message: failure.message });
};

/** A reason beside a field: the server's reason for that field (it owns the rules), or ours for a known code. */
export const reasonText = (reason: Reason | undefined, t: TFunction<'accounts'>): string | undefined =>
  reason === undefined ? undefined : isTranslated(reason.code) ? t(`errors.${reason.code}`) : reason.message;
