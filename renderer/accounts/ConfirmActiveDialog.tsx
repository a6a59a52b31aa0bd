import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { Dialog } from '../components/Dialog';
import { changeAccount, type AccountsFailure, type AccountsTransport } from './accountsClient';
import { failureText } from './failureText';

export type ConfirmActiveDialogProps = { user: PublicUser; transport: AccountsTransport; onChanged(user: PublicUser): void; onClose(): void };

/**
 * Asks before deactivating (or reactivating) an account. Cancel comes first, so the focus the
 * dialog gives its first button lands on the harmless choice.
 */
export const ConfirmActiveDialog = ({ user, transport, onChanged, onClose }: ConfirmActiveDialogProps) => {
  const { t } = useTranslation('accounts');
  const [failure, setFailure] = useState<AccountsFailure | null>(null);
  const [isSaving, setSaving] = useState(false);
  const willDeactivate = user.active;
  const confirm = async () => {
    if (isSaving) return;
    setSaving(true);
    const result = await changeAccount(transport, user.id, { active: !user.active });
    setSaving(false);
    if (result.ok) onChanged(result.value);
    else setFailure(result.failure);
  };
  const params = { username: user.username, name: user.displayName };
  return (
    <Dialog title={willDeactivate ? t('confirm.deactivateTitle', params) : t('confirm.reactivateTitle', params)} onClose={onClose}>
      <div className="form">
        <p className="accounts-confirm-body">{willDeactivate ? t('confirm.deactivateBody', params) : t('confirm.reactivateBody', params)}</p>
        {failure !== null && (
          <p className="form-error" role="alert">
            {failureText(failure, t)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('form.cancel')}
          </button>
          <button type="button" className={willDeactivate ? 'button danger' : 'button primary'} disabled={isSaving} onClick={() => void confirm()}>
            {willDeactivate ? t('deactivate') : t('reactivate')}
          </button>
        </div>
      </div>
    </Dialog>
  );
};
