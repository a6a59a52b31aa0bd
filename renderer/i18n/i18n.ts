import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, resources, type Language } from './resources';

const STORAGE_KEY = 'meja.language';

const isLanguage = (value: string | null): value is Language => LANGUAGES.some((language) => language === value);

/** The saved choice, else the system's language if we have it, else English. */
export const initialLanguage = (): Language => {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const system = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find((tag) => isLanguage(tag));
  return system !== undefined && isLanguage(system) ? system : 'en';
};

export const setLanguage = async (language: Language): Promise<void> => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
};

export const initI18n = async (): Promise<void> => {
  const language = initialLanguage();
  document.documentElement.lang = language;
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
};
