import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/domain/records';
import { TIERS, type Tier } from '../../shared/domain/ticket';
import { Field } from '../components/Field';

export type RoleTierFieldsProps = {
  role: Role;
  tier: Tier;
  roleError: string | undefined;
  tierError: string | undefined;
  onRole(role: Role): void;
  onTier(tier: Tier): void;
};

/** Role, and the tier beside it for a technician only (nobody else works a tier). */
export const RoleTierFields = ({ role, tier, roleError, tierError, onRole, onTier }: RoleTierFieldsProps) => {
  const { t } = useTranslation('accounts');
  return (
    <div className="accounts-form-row">
      <Field label={t('form.role')} error={roleError}>
        {(control) => (
          <select name="role" value={role} onChange={(event) => onRole(ROLES.find((known) => known === event.target.value) ?? role)} {...control}>
            {ROLES.map((known) => (
              <option key={known} value={known}>
                {t(`roles.${known}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'technician' ? (
        <Field label={t('form.tier')} error={tierError}>
          {(control) => (
            <select name="tier" value={tier} onChange={(event) => onTier(TIERS.find((known) => String(known) === event.target.value) ?? tier)} {...control}>
              {TIERS.map((known) => (
                <option key={known} value={known}>
                  {t('tierValue', { tier: known })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p className="accounts-hint accounts-tier-hint">{t('form.tierHint')}</p>
      )}
    </div>
  );
};
