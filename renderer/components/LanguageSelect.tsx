import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/resources';

// Each language named in itself, so a person finds theirs whatever language is shown now.
const NAMES: Readonly<Record<Language, string>> = { en: 'English', id: 'Bahasa Indonesia' };

const isLanguage = (value: string): value is Language => LANGUAGES.some((language) => language === value);

export type LanguageSelectProps = { label: string; className?: string };

/** The language choice used by the console and the tracking page; the choice is kept by setLanguage. */
export const LanguageSelect = ({ label, className }: LanguageSelectProps) => {
  const { i18n } = useTranslation();
  return (
    <select
      className={className}
      aria-label={label}
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
