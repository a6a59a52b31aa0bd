import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { changeAccount, type AccountsTransport } from './accountsClient';
import { accountChange, draftOf, formErrorsOf, type AccountDraft, type FormErrors } from './accountForm';
import { reasonText } from './failureText';
import { FormFooter } from './FormFooter';
import { RoleTierFields } from './RoleTierFields';

export type ChangeAccountDialogProps = { user: PublicUser; transport: AccountsTransport; onChanged(user: PublicUser): void; onClose(): void };

/** Name, role and tier of an account; sends only what changed (PATCH /api/users/:id). */
export const ChangeAccountDialog = ({ user, transport, onChanged, onClose }: ChangeAccountDialogProps) => {
  const { t } = useTranslation('accounts');
  const [draft, setDraft] = useState<AccountDraft>(() => draftOf(user));
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const [isUnchanged, setUnchanged] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const edit = (next: Partial<AccountDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setUnchanged(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const change = accountChange(user, draft);
    if (change === null) {
      setUnchanged(true);
      return;
    }
    if (isSaving) return;
    setSaving(true);
    const result = await changeAccount(transport, user.id, change);
    setSaving(false);
    if (result.ok) onChanged(result.value);
    else setErrors(formErrorsOf(result.failure));
  };
  return (
    <Dialog title={t('changeTitle', { username: user.username })} onClose={onClose} className="dialog-wide">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('form.displayName')} error={reasonText(errors.fields.displayName, t)}>
          {(control) => (
            <input
              name="displayName"
              autoComplete="off"
              value={draft.displayName}
              onChange={(event) => edit({ displayName: event.target.value })}
              {...control}
            />
          )}
        </Field>
        <RoleTierFields
          role={draft.role}
          tier={draft.tier}
          roleError={reasonText(errors.fields.role, t)}
          tierError={reasonText(errors.fields.tier, t)}
          onRole={(role) => edit({ role })}
          onTier={(tier) => edit({ tier })}
        />
        {isUnchanged && (
          <p className="accounts-hint" role="status">
            {t('form.noChange')}
          </p>
        )}
        <FormFooter failure={errors.form} isSaving={isSaving} submitLabel={t('form.save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
};
