import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadThemeChoice, setThemeChoice } from './theme';
import { THEME_CHOICES, type ThemeChoice } from './themeChoice';

export type ThemeSelectProps = { value: ThemeChoice; onChange(choice: ThemeChoice): void };

/** Light, dark or the system's. Props only. */
export const ThemeSelect = ({ value, onChange }: ThemeSelectProps) => {
  const { t } = useTranslation('common');
  const { t: shell } = useTranslation('shell');
  // "System" alone, in a select with no visible label, would not say what follows the system.
  const labels: Readonly<Record<ThemeChoice, string>> = { system: shell('theme.system'), light: t('themeLight'), dark: t('themeDark') };
  return (
    <select
      className="header-select"
      aria-label={t('theme')}
      value={value}
      onChange={(event) => {
        const choice = THEME_CHOICES.find((option) => option === event.target.value);
        if (choice !== undefined) onChange(choice);
      }}
    >
      {THEME_CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {labels[choice]}
        </option>
      ))}
    </select>
  );
};

/** The header's theme control: keeps the choice in local storage and paints it at once. */
export const ThemeSwitch = () => {
  const [choice, setChoice] = useState(loadThemeChoice);
  return (
    <ThemeSelect
      value={choice}
      onChange={(next) => {
        setThemeChoice(next);
        setChoice(next);
      }}
    />
  );
};
