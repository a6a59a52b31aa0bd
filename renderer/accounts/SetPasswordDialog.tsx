import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { setAccountPassword, type AccountsTransport } from './accountsClient';
import { formErrorsOf, type FormErrors } from './accountForm';
import { reasonText } from './failureText';
import { FormFooter } from './FormFooter';

export type SetPasswordDialogProps = {
  user: PublicUser;
  /** The signed-in admin's own account: their current session stays (the server keeps the token it was asked with). */
  isSelf: boolean;
  transport: AccountsTransport;
  onSet(user: PublicUser): void;
  onClose(): void;
};

const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * A new password for someone who forgot theirs (POST /api/users/:id/password). The two fields must
 * match before anything is sent; the length rule is the server's, and its reason shows beside the field.
 */
export const SetPasswordDialog = ({ user, isSelf, transport, onSet, onClose }: SetPasswordDialogProps) => {
  const { t } = useTranslation('accounts');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [isMismatch, setMismatch] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [isSaving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeated) {
      setMismatch(true);
      return;
    }
    if (isSaving) return;
    setSaving(true);
    const result = await setAccountPassword(transport, user.id, { password });
    setSaving(false);
    if (result.ok) onSet(result.value);
    else setErrors(formErrorsOf(result.failure));
  };
  const params = { username: user.username, name: user.displayName };
  return (
    <Dialog title={t('password.title', params)} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="accounts-confirm-body">{isSelf ? t('password.selfBody') : t('password.body', params)}</p>
        <div className="accounts-field">
          <Field label={t('password.new')} error={reasonText(errors.fields.password, t)}>
            {(control) => (
              <input
                name="newPassword"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                  setMismatch(false);
                  setErrors(NO_ERRORS);
                }}
                {...control}
              />
            )}
          </Field>
          <small className="accounts-hint">{t('form.passwordHint')}</small>
        </div>
        <Field label={t('password.repeat')} error={isMismatch ? t('password.mismatch') : undefined}>
          {(control) => (
            <input
              name="repeatPassword"
              type="password"
              autoComplete="new-password"
              value={repeated}
              onChange={(event) => {
                setRepeated(event.target.value);
                setMismatch(false);
              }}
              {...control}
            />
          )}
        </Field>
        <FormFooter failure={errors.form} isSaving={isSaving} submitLabel={t('password.submit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
};
