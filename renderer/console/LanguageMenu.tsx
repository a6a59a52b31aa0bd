import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';

/** The console's language choice, labelled in the current language. */
export const LanguageMenu = () => {
  const { t } = useTranslation('common');
  return <LanguageSelect className="header-select" label={t('language')} />;
};
