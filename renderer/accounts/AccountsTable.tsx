import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';

export type AccountsTableProps = {
  users: readonly PublicUser[];
  /** The signed-in admin, who may not deactivate their own account. */
  selfId: string;
  onChange(user: PublicUser): void;
  onSetPassword(user: PublicUser): void;
  onToggleActive(user: PublicUser): void;
};

/** Every account with its role, tier and state, and the buttons to change each. */
export const AccountsTable = ({ users, selfId, onChange, onSetPassword, onToggleActive }: AccountsTableProps) => {
  const { t } = useTranslation('accounts');
  return (
    <div className="accounts-table-scroll">
      <table className="accounts-table" aria-label={t('tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('columns.username')}</th>
            <th scope="col">{t('columns.displayName')}</th>
            <th scope="col">{t('columns.role')}</th>
            <th scope="col">{t('columns.tier')}</th>
            <th scope="col">{t('columns.active')}</th>
            <th scope="col">{t('columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const isSelf = user.id === selfId;
            return (
              <tr key={user.id} data-username={user.username} className={user.active ? undefined : 'is-inactive'}>
                <td className="accounts-username">
                  {user.username}
                  {isSelf && <span className="accounts-you"> ({t('you')})</span>}
                </td>
                <td>{user.displayName}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.tier === null ? t('noTier') : t('tierValue', { tier: user.tier })}</td>
                <td>
                  <span className={user.active ? 'badge accounts-active' : 'badge accounts-inactive'}>{user.active ? t('isActive') : t('isInactive')}</span>
                </td>
                <td className="accounts-actions">
                  <button type="button" className="button small" aria-label={t('changeLabel', { username: user.username })} onClick={() => onChange(user)}>
                    {t('change')}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('setPasswordLabel', { username: user.username })}
                    onClick={() => onSetPassword(user)}
                  >
                    {t('setPassword')}
                  </button>
                  {/* The server refuses it too (self_deactivation); not offering it is kinder. */}
                  {!(isSelf && user.active) && (
                    <button
                      type="button"
                      className={user.active ? 'button small accounts-deactivate' : 'button small'}
                      aria-label={user.active ? t('deactivateLabel', { username: user.username }) : t('reactivateLabel', { username: user.username })}
                      onClick={() => onToggleActive(user)}
                    >
                      {user.active ? t('deactivate') : t('reactivate')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
