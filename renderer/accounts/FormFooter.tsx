import { useTranslation } from 'react-i18next';
import type { AccountsFailure } from './accountsClient';
import { failureText } from './failureText';

export type FormFooterProps = {
  /** A refusal that belongs to no one field (last_admin, offline), shown above the buttons. */
  failure: AccountsFailure | null;
  isSaving: boolean;
  submitLabel: string;
  onCancel(): void;
};

/** The end of every account dialog: what the server refused as a whole, Cancel, and the submit button. */
export const FormFooter = ({ failure, isSaving, submitLabel, onCancel }: FormFooterProps) => {
  const { t } = useTranslation('accounts');
  return (
    <>
      {failure !== null && (
        <p className="form-error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={isSaving}>
          {isSaving ? t('form.saving') : submitLabel}
        </button>
      </div>
    </>
  );
};
