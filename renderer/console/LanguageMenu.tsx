import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/resources';

// Each language named in itself, so a technician finds theirs whatever language is shown now.
const NAMES: Readonly<Record<Language, string>> = { en: 'English', id: 'Bahasa Indonesia' };

const isLanguage = (value: string): value is Language => LANGUAGES.some((language) => language === value);

/** The console's language choice: a compact select labelled in the current language; the choice is kept. */
export const LanguageMenu = () => {
  const { t, i18n } = useTranslation('common');
  return (
    <select
      className="header-select"
      aria-label={t('language')}
      value={isLanguage(i18n.language) ? i18n.language : 'en'}
      onChange={(event) => {
        if (isLanguage(event.target.value)) void setLanguage(event.target.value);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {NAMES[language]}
        </option>
      ))}
    </select>
  );
};
