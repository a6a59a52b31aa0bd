import { useTranslation } from 'react-i18next';
import { DialogActions } from '../components/DialogActions';
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
    <DialogActions
      refusal={failure === null ? null : failureText(failure, t)}
      isSaving={isSaving}
      submitLabel={isSaving ? t('form.saving') : submitLabel}
      cancelLabel={t('form.cancel')}
      onCancel={onCancel}
    />
  );
};
