import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { createAccount, type AccountsTransport } from './accountsClient';
import { formErrorsOf, newAccountBody, type AccountField, type FormErrors, type NewAccountDraft } from './accountForm';
import { reasonText } from './failureText';
import { FormFooter } from './FormFooter';
import { RoleTierFields } from './RoleTierFields';

export type NewAccountDialogProps = { transport: AccountsTransport; onCreated(user: PublicUser): void; onClose(): void };

const EMPTY: NewAccountDraft = { username: '', password: '', displayName: '', role: 'technician', tier: 1 };
const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** The new-account form; what the server refuses is shown beside the field it names. */
export const NewAccountDialog = ({ transport, onCreated, onClose }: NewAccountDialogProps) => {
  const { t } = useTranslation('accounts');
  const [draft, setDraft] = useState<NewAccountDraft>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [isSaving, setSaving] = useState(false);
  const edit = <K extends keyof NewAccountDraft>(key: K, value: NewAccountDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // The reason was about the old value.
    if (key in errors.fields) setErrors((current) => ({ ...current, fields: { ...current.fields, [key as AccountField]: undefined } }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setSaving(true);
    const result = await createAccount(transport, newAccountBody(draft));
    setSaving(false);
    if (result.ok) onCreated(result.value);
    else setErrors(formErrorsOf(result.failure));
  };
  const fieldError = (field: AccountField) => reasonText(errors.fields[field], t);
  return (
    <Dialog title={t('createTitle')} onClose={onClose} className="dialog-wide">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {/* Hints sit outside the label, so they do not become part of the field's name. */}
        <div className="accounts-field">
          <Field label={t('form.username')} error={fieldError('username')}>
            {(control) => (
              <input
                name="username"
                autoComplete="off"
                spellCheck={false}
                value={draft.username}
                onChange={(event) => edit('username', event.target.value)}
                {...control}
              />
            )}
          </Field>
          {/* The server's reason for a bad username says the same; one is enough. */}
          {errors.fields.username === undefined && <small className="accounts-hint">{t('form.usernameHint')}</small>}
        </div>
        <Field label={t('form.displayName')} error={fieldError('displayName')}>
          {(control) => (
            <input name="displayName" autoComplete="off" value={draft.displayName} onChange={(event) => edit('displayName', event.target.value)} {...control} />
          )}
        </Field>
        <div className="accounts-field">
          <Field label={t('form.password')} error={fieldError('password')}>
            {(control) => (
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                value={draft.password}
                onChange={(event) => edit('password', event.target.value)}
                {...control}
              />
            )}
          </Field>
          <small className="accounts-hint">{t('form.passwordHint')}</small>
        </div>
        <RoleTierFields
          role={draft.role}
          tier={draft.tier}
          roleError={fieldError('role')}
          tierError={fieldError('tier')}
          onRole={(role) => edit('role', role)}
          onTier={(tier) => edit('tier', tier)}
        />
        <FormFooter failure={errors.form} isSaving={isSaving} submitLabel={t('form.create')} onCancel={onClose} />
      </form>
    </Dialog>
  );
};
