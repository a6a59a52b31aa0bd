/** The console's language choice, in the header. */
export const LanguageMenu = () => null;
