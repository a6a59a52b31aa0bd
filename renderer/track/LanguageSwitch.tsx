import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n/resources';
import { setLanguage } from '../i18n/i18n';

// Each language named in itself, so a caller finds theirs whatever is shown now.
const NAMES: Record<Language, string> = { en: 'English', id: 'Bahasa Indonesia' };

const isLanguage = (value: string): value is Language => LANGUAGES.some((language) => language === value);

export const LanguageSwitch = () => {
  const { t, i18n } = useTranslation('track');
  return (
    <label className="track-language">
      <span className="visually-hidden">{t('languageLabel')}</span>
      <select
        value={i18n.language}
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
    </label>
  );
};
