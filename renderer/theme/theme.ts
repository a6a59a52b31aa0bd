import { parseThemeChoice, resolveTheme, type ThemeChoice } from './themeChoice';

const STORAGE_KEY = 'meja.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export const loadThemeChoice = (): ThemeChoice => parseThemeChoice(localStorage.getItem(STORAGE_KEY));

const paint = (choice: ThemeChoice): void => {
  const theme = resolveTheme(choice, window.matchMedia(DARK_QUERY).matches);
  // The CSS custom properties switch on this attribute; color-scheme themes the native controls too.
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
};

/** Saves and paints a choice. */
export const setThemeChoice = (choice: ThemeChoice): void => {
  localStorage.setItem(STORAGE_KEY, choice);
  paint(choice);
};

/** Paints the saved choice before the first render and repaints when the system setting changes. */
export const initTheme = (): void => {
  paint(loadThemeChoice());
  window.matchMedia(DARK_QUERY).addEventListener('change', () => paint(loadThemeChoice()));
};
