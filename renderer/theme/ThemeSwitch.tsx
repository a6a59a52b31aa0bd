import { useState } from 'react';
import { loadThemeChoice, setThemeChoice } from './theme';
import { THEME_CHOICES, type ThemeChoice } from './themeChoice';

const LABELS: Readonly<Record<ThemeChoice, string>> = { system: 'System theme', light: 'Light', dark: 'Dark' };

export type ThemeSelectProps = { value: ThemeChoice; onChange(choice: ThemeChoice): void };

/** Light, dark or the system's. Props only. */
export const ThemeSelect = ({ value, onChange }: ThemeSelectProps) => (
  <select
    className="header-select"
    aria-label="Theme"
    value={value}
    onChange={(event) => {
      const choice = THEME_CHOICES.find((option) => option === event.target.value);
      if (choice !== undefined) onChange(choice);
    }}
  >
    {THEME_CHOICES.map((choice) => (
      <option key={choice} value={choice}>
        {LABELS[choice]}
      </option>
    ))}
  </select>
);

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
