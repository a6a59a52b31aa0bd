import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';

export const LanguageSwitch = () => {
  const { t } = useTranslation('track');
  return (
    <div className="track-language">
      <LanguageSelect label={t('languageLabel')} />
    </div>
  );
};
