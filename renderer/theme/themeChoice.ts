/** What the technician picked; `system` follows the operating system's light or dark setting. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export const isThemeChoice = (value: string | null): value is ThemeChoice => THEME_CHOICES.some((choice) => choice === value);

/** The theme to paint for a choice, given whether the system prefers dark. */
export const resolveTheme = (choice: ThemeChoice, prefersDark: boolean): Theme => (choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice);

/** A saved value read back; `system` when none (or an unknown value) is saved. */
export const parseThemeChoice = (saved: string | null): ThemeChoice => (isThemeChoice(saved) ? saved : 'system');
